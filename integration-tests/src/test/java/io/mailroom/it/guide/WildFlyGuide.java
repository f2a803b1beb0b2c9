package io.mailroom.it.guide;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * "Deploying on WildFly", step by step, on a fresh server base (a copy of the distribution's
 * {@code standalone/configuration}) of the WildFly the build unpacked: the README's start
 * command, its {@code mailroom.cli} command (run from an unrelated directory) and its
 * {@code deploy} command, as written. What the test adds: the server base directory, a port
 * offset (so every port is free), {@code --controller} for that offset, and the SMTP address of
 * the test's GreenMail in place of {@code smtp.example.com:587}. Then, on the running server, the
 * outbox admin as the README's "Outbox admin" says ({@link AdminGuide}).
 */
final class WildFlyGuide {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    /** The ports standalone-microprofile.xml binds, each moved by the port offset. */
    private static final int[] PORTS = {8080, 8443, 8009, 9990, 9993, 4712, 4713};

    private final ReadmeGuide readme;
    private final Path home;
    private final Path checkout;
    private final Path base;
    private final Shell shell;
    private int offset;
    private final Map<String, String> environment;
    private Process server;

    WildFlyGuide(ReadmeGuide readme, Path home, Path checkout, Path base, int httpPort, Shell shell) {
        this.readme = readme;
        this.home = home;
        this.checkout = checkout;
        this.base = base;
        this.shell = shell;
        this.offset = httpPort - 8080;
        this.environment = Map.of("JBOSS_HOME", home.toString(), "MAILROOM", checkout.toString());
    }

    String appUrl() {
        return base() + "/my-app/";
    }

    /** @return {@code http://127.0.0.1:port} of the server's HTTP listener */
    String base() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    /** A user with the admin role, then the admin WAR, while the server and the application run. */
    void deployAdmin(AdminGuide admin) throws Exception {
        shell.run(admin.wildFlyAddUser(base.resolve("configuration")), checkout, environment, LIMIT);
        shell.run(admin.wildFlyDeploy() + controller(), checkout, environment, LIMIT);
    }

    /** Steps 1 to 4: a fresh server, mailroom.cli, the application. */
    void deploy(Path war, int smtpPort, GuideShop shop) throws Exception {
        GuideApp.deleteTree(base);
        GuideApp.copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        start(smtpPort);

        Path elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        String cli = shell.run(readme.block("sh", "jboss-cli.sh --connect --file=").strip() + controller(), elsewhere,
                environment, LIMIT);
        if (!cli.contains("The batch executed successfully")) {
            throw new AssertionError("mailroom.cli did not say it succeeded:\n" + cli);
        }
        shell.run(readme.inline("$JBOSS_HOME/bin/jboss-cli.sh --connect --command=\"deploy my-app.war\"") + controller(),
                war.getParent(), environment, LIMIT);
        awaitApplication(shop);
    }

    /** Stops the server and starts it again: both deployments start together, as at any boot. */
    void reboot(int smtpPort, GuideShop shop) throws Exception {
        stop();
        start(smtpPort);
        awaitApplication(shop);
    }

    private void start(int smtpPort) throws Exception {
        offset = freeOffset(offset);
        String command = readme.block("sh", "standalone.sh -c standalone-microprofile.xml").strip()
                .replace("smtp.example.com", "127.0.0.1").replace("MAILROOM_PORT=587", "MAILROOM_PORT=" + smtpPort)
                + " -Djboss.server.base.dir=" + base + " -Djboss.socket.binding.port-offset=" + offset;
        server = shell.start(command, checkout, environment);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            String console = Files.readString(shell.logOf(server));
            if (console.contains("WFLYSRV0026") || console.contains("WFLYCTL0186") || console.contains("MAILROOM-7003")) {
                throw new AssertionError("WildFly started with a failed deployment:\n" + errors(console));
            }
            if (console.contains("WFLYSRV0025")) {
                return;
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("WildFly did not start; see " + shell.logOf(server));
            }
            Thread.sleep(200);
        }
    }

    private void awaitApplication(GuideShop shop) throws Exception {
        try {
            shop.awaitAnswer(appUrl(), Duration.ofMinutes(1));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + errors(Files.readString(shell.logOf(server))), e);
        }
    }

    void stop() throws Exception {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            shell.run("$JBOSS_HOME/bin/jboss-cli.sh --connect --command=shutdown" + controller(), checkout, environment,
                    LIMIT);
            server.waitFor(LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor();
        }
    }

    /**
     * @return {@code preferred}, or another offset, at which every port WildFly binds is free now.
     *         The build reserves only the HTTP port; by a later boot another process on the machine
     *         can hold one of the others (a boot once failed on its HTTPS port, "Address already in use").
     */
    private static int freeOffset(int preferred) {
        if (allFree(preferred)) {
            return preferred;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 45_000);
            if (allFree(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no port offset with all of WildFly's ports free on 127.0.0.1");
    }

    private static boolean allFree(int offset) {
        for (int port : PORTS) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port + offset));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private String controller() {
        return " --controller=127.0.0.1:" + (9990 + offset);
    }

    private static String errors(String console) {
        StringBuilder out = new StringBuilder();
        for (String line : console.split("\n")) {
            if (line.contains("ERROR") || line.contains("MAILROOM-") || line.contains("WFLYSRV0026")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
