package io.mailroom.it.guide;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Outbox admin" deploy steps, for the servers the deploy guides set up: on Liberty its
 * {@code cp} command and its {@code server.xml} lines (features and the {@code webApplication}
 * with the class provider and the role binding), on WildFly its {@code add-user.sh} and
 * {@code deploy} commands, as written. What the test does by hand on top: the WAR the build
 * copied ({@code guide.admin.war}) in place of {@code admin/target/mailroom-admin.war}; on Liberty
 * a {@code basicRegistry} with one user, {@value #USER}, in the group the README binds to the role;
 * on WildFly the password in place of {@code <password>} and {@code -sc} naming the test's server
 * base (add-user.sh writes to the installation's own {@code standalone/configuration} otherwise). No
 * MicroProfile Config key: the README says these servers need none.
 */
final class AdminGuide {
    static final String USER = "ops";
    static final String PASSWORD = "guide-Ops-7391";
    private static final String README_WAR = "admin/target/mailroom-admin.war";
    private static final Pattern BOUND_GROUP = Pattern.compile("<group name=\"([^\"]+)\"/>");

    private final ReadmeGuide readme;
    private final Path war;

    AdminGuide(ReadmeGuide readme, Path war) {
        this.readme = readme;
        this.war = war;
    }

    /** @return the README's command that copies the WAR into Liberty's server {@code apps/} */
    String libertyCopy() {
        return withWar(readme.block("sh", "cp " + README_WAR));
    }

    /** @return the README's {@code server.xml} lines, and the test's user registry */
    String libertyServerXml() {
        String xml = readme.block("xml", "<webApplication location=\"mailroom-admin.war\"");
        Matcher group = BOUND_GROUP.matcher(xml);
        String member = group.find() ? "<group name=\"" + group.group(1) + "\"><member name=\"" + USER + "\"/></group>" : "";
        String registry = "<basicRegistry id=\"guide\" realm=\"mailroom-admin\"><user name=\"" + USER + "\" password=\""
                + PASSWORD + "\"/>" + member + "</basicRegistry>\n";
        return xml + registry;
    }

    /** @return the README's add-user.sh command, for the server base {@code configuration} */
    String wildFlyAddUser(Path configuration) {
        readme.mustSay("a running server takes them without a restart");
        return readme.inline("$JBOSS_HOME/bin/add-user.sh ").replace("<password>", PASSWORD) + " -sc " + configuration;
    }

    /** @return the README's jboss-cli command that deploys the WAR (run from the checkout) */
    String wildFlyDeploy() {
        return withWar(readme.inline("$JBOSS_HOME/bin/jboss-cli.sh --connect --command=\"deploy " + README_WAR));
    }

    private String withWar(String command) {
        return command.strip().replace(README_WAR, war.toString());
    }
}
