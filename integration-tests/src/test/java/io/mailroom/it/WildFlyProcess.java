package io.mailroom.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * A WildFly server run with {@code standalone.sh} on its own base directory, configured by
 * {@code src/test/wildfly/crash.cli} (or {@code jdbc.cli}); its deployment scanner deploys what is
 * in {@code deployments/} when it starts. Ports and the other system properties come from
 * {@code configuration/crash.properties} (or {@code jdbc.properties}), which the build writes.
 * Loopback only.
 */
final class WildFlyProcess extends ServerProcess {

    WildFlyProcess(Path home, Path base, int httpPort) {
        this(home, base, "crash.properties", httpPort, Map.of());
    }

    /**
     * @param properties the file in the base's {@code configuration/} with the server's system properties
     * @param environment added to the server's environment (the configuration reads {@code ${env.X}})
     */
    WildFlyProcess(Path home, Path base, String properties, int httpPort, Map<String, String> environment) {
        super(command(home, base, properties, environment), base.resolve("deployments"), httpPort);
    }

    private static ProcessBuilder command(Path home, Path base, String properties, Map<String, String> environment) {
        ProcessBuilder command = new ProcessBuilder("sh", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-c", "standalone-microprofile.xml",
                "-P", base.resolve("configuration").resolve(properties).toUri().toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1");
        command.environment().put("JBOSS_HOME", home.toString());
        command.environment().putAll(environment);
        return command;
    }
}
