package io.mailroom.it.guide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * "Deploying on Open Liberty", step by step, on a new server {@code myserver} of the Liberty the
 * build unpacked: the README's commands run as written (with {@code $WLP} set), and its
 * {@code server.xml} lines added to the new server's own {@code server.xml}. What the test does
 * by hand on top: the server's HTTP port (a reserved one, HTTPS off), and the SMTP server's
 * address in {@code server.env} (the test's GreenMail, no credentials: it speaks no TLS). With it,
 * before the start, the outbox admin as the README's "Outbox admin" says ({@link AdminGuide}).
 */
final class LibertyGuide {
    static final String SERVER = "myserver";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final ReadmeGuide readme;
    private final Path wlp;
    private final Path checkout;
    private final Shell shell;
    private final Map<String, String> environment;

    LibertyGuide(ReadmeGuide readme, Path wlp, Path checkout, Shell shell) {
        this.readme = readme;
        this.wlp = wlp;
        this.checkout = checkout;
        this.shell = shell;
        this.environment = Map.of("WLP", wlp.toString());
    }

    /** @return the application's URL, once it answers */
    String deploy(Path war, int httpPort, int smtpPort, GuideShop shop, AdminGuide admin) throws Exception {
        Path server = wlp.resolve("usr/servers").resolve(SERVER);
        GuideApp.deleteTree(server);
        shell.run(readme.inline("$WLP/bin/server create " + SERVER), checkout, environment, LIMIT);
        shell.run(readme.block("sh", "cp server-config/liberty/mailroom.xml"), checkout, environment, LIMIT);

        readme.mustSay("`jsp-2.3`, are Java EE 8: use Jakarta EE 10 ones, for example `servlet-6.0`");
        Path serverXml = server.resolve("server.xml");
        String xml = Files.readString(serverXml)
                .replace("<feature>jsp-2.3</feature>", "<feature>servlet-6.0</feature>")
                .replace("httpPort=\"9080\"", "httpPort=\"" + httpPort + "\"")
                .replace("httpsPort=\"9443\"", "httpsPort=\"-1\"")
                .replace("</server>", readme.block("xml", "<include location=\"mailroom.xml\"/>") + admin.libertyServerXml()
                        + "</server>");
        Files.writeString(serverXml, xml);

        String env = readme.block("sh", "MAILROOM_HOST=");
        if (!env.contains("MAILROOM_PORT=")) {
            throw new AssertionError("the README's server.env block sets no MAILROOM_PORT");
        }
        Files.writeString(server.resolve("server.env"), "MAILROOM_HOST=127.0.0.1\nMAILROOM_PORT=" + smtpPort + "\n");

        Files.copy(war, server.resolve("apps/my-app.war"), StandardCopyOption.REPLACE_EXISTING);
        shell.run(admin.libertyCopy(), checkout, environment, LIMIT);
        shell.run(readme.inline("$WLP/bin/server start " + SERVER), checkout, environment, LIMIT);
        String url = "http://localhost:" + httpPort + "/my-app/";
        try {
            shop.awaitAnswer(url, Duration.ofMinutes(2));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + messages(), e);
        }
        return url;
    }

    String messages() throws Exception {
        Path log = wlp.resolve("usr/servers").resolve(SERVER).resolve("logs/messages.log");
        return Files.exists(log) ? Files.readString(log) : "(no messages.log)";
    }

    /** Stops the server if it runs ({@code server stop} fails when it does not: not a test failure). */
    void stop() throws Exception {
        if (Files.exists(wlp.resolve("usr/servers").resolve(SERVER))) {
            Process stop = shell.start("$WLP/bin/server stop " + SERVER, checkout, environment);
            stop.waitFor(LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
