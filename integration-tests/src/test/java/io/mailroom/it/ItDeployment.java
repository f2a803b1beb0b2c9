package io.mailroom.it;

import java.io.File;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds what every in-server test deploys: {@code mailroom-it.ear} holding the real
 * {@code mailroom.rar} from the build and a test WAR. The WAR sees the adapter's API through
 * the EAR, exactly as an application packaged with the adapter does; it carries GreenMail and the
 * test-support jar, but no copy of the API or of jakarta.mail.
 */
final class ItDeployment {
    static final String APP = "mailroom-it";

    private ItDeployment() {
    }

    /**
     * The same archive with the Mailroom CDI extension in the WAR, as an application bundles it,
     * and the given MicroProfile Config properties.
     */
    static EnterpriseArchive earWithCdi(String microprofileConfig, Class<?>... testClasses) {
        EnterpriseArchive ear = ear(testClasses);
        withCdi(ear.getAsType(WebArchive.class, "tests.war"), microprofileConfig);
        return ear;
    }

    /**
     * WildFly only: the test WAR with the CDI extension as a deployment of its own, beside the
     * standalone {@code mailroom.rar} that {@code src/test/wildfly/it.cli} deploys, as the README's
     * WildFly guide deploys an application ({@code Dependencies: deployment.mailroom.rar}). WildFly
     * lists the MicroProfile Health checks of a top-level deployment only, none of an EAR's WAR.
     */
    static WebArchive warBesideAdapter(String microprofileConfig, Class<?>... testClasses) {
        return withCdi(war(testClasses), microprofileConfig)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.mailroom.rar\n"));
    }

    /** A jar holding only {@code META-INF/microprofile-config.properties}, for an EAR's {@code lib/}. */
    static JavaArchive configJar(String name, String microprofileConfig) {
        return ShrinkWrap.create(JavaArchive.class, name)
                .addAsManifestResource(new StringAsset(microprofileConfig), "microprofile-config.properties");
    }

    private static WebArchive withCdi(WebArchive war, String microprofileConfig) {
        return war.addAsLibraries(Objects.requireNonNull(new File(libs(), "cdi").listFiles()))
                .addAsResource(new StringAsset(microprofileConfig), "META-INF/microprofile-config.properties");
    }

    private static File libs() {
        return new File(Objects.requireNonNull(System.getProperty("mailroom.it.libs"), "mailroom.it.libs"));
    }

    private static WebArchive war(Class<?>... testClasses) {
        return ShrinkWrap.create(WebArchive.class, "tests.war")
                .addClasses(ItDeployment.class, ItServer.class, TestSmtpServers.class, Mailbox.class)
                .addClasses(testClasses)
                .addAsLibraries(Objects.requireNonNull(new File(libs(), "war").listFiles()));
    }

    /**
     * The adapter, the test WAR and, in every deployment, the outbox admin module for the factory
     * {@code mail/admin}: Open Liberty 26.0.0.3's {@code mpHealth-4.0} keeps the health
     * registration of a module that a redeployed application of the same name no longer has, and
     * then fails every {@code /health} request ({@code IllegalStateException:
     * WEB#mailroom-it#mailroom-admin.war}). With one module list for every deployment of
     * {@code mailroom-it} that cannot happen.
     */
    static EnterpriseArchive ear(Class<?>... testClasses) {
        return earWithAdmin(ItServer.jndiName("mail/admin"), testClasses);
    }

    private static EnterpriseArchive adapterAndTests(Class<?>... testClasses) {
        ResourceAdapterArchive rar = ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class,
                new File(libs(), "mailroom.rar"));
        WebArchive war = Testable.archiveToTest(war(testClasses)); // the one Arquillian runs the tests in
        return ShrinkWrap.create(EnterpriseArchive.class, APP + ".ear")
                .addAsModule(rar)
                .addAsModule(war);
    }

    /**
     * The archive plus the outbox admin module ({@code mailroom-admin.war} from the build) at
     * {@code /mailroom-admin}, configured for the factory {@code jndiName}, with the Liberty role
     * binding of {@code mailroom-admin} to the group {@code mailroom-admins} (WildFly maps roles
     * from its ApplicationRealm's roles file and ignores the binding).
     */
    static EnterpriseArchive earWithAdmin(String jndiName, Class<?>... testClasses) {
        WebArchive admin = ShrinkWrap.createFromZipFile(WebArchive.class, new File(libs(), "mailroom-admin.war"));
        // Inside an EAR that embeds the adapter the WAR must not link to a standalone mailroom.rar
        // (WildFly's test server has one too): its API classes would be a second copy.
        admin.setManifest(new StringAsset("Manifest-Version: 1.0\n"));
        admin.addAsResource(new StringAsset("mailroom.admin.jndi-name=" + jndiName + "\n"),
                "META-INF/microprofile-config.properties");
        return adapterAndTests(testClasses)
                .addAsModule(admin)
                .addAsManifestResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <application-bnd xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.2">
                          <security-role name="mailroom-admin"><group name="mailroom-admins"/></security-role>
                        </application-bnd>
                        """), "ibm-application-bnd.xml")
                .setApplicationXML(applicationXml(
                        "<module><web><web-uri>mailroom-admin.war</web-uri><context-root>/mailroom-admin</context-root></web></module>"));
    }

    /** The EAR's application.xml: the adapter, the test WAR at /tests, and {@code moreModules}. */
    private static StringAsset applicationXml(String moreModules) {
        return new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                  <display-name>mailroom-it</display-name>
                  <module><connector>mailroom.rar</connector></module>
                  <module><web><web-uri>tests.war</web-uri><context-root>/tests</context-root></web></module>
                  %s
                </application>
                """.formatted(moreModules));
    }
}
