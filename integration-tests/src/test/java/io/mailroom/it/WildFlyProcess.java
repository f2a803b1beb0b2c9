package io.mailroom.it;

import java.nio.file.Path;

/**
 * A WildFly server run with {@code standalone.sh} on its own base directory, configured by
 * {@code src/test/wildfly/crash.cli}; its deployment scanner deploys what is in
 * {@code deployments/} when it starts. Ports and the other system properties come from
 * {@code configuration/crash.properties}, which the build writes. Loopback only.
 */
final class WildFlyProcess extends ServerProcess {

    WildFlyProcess(Path home, Path base, int httpPort) {
        super(command(home, base), base.resolve("deployments"), httpPort);
    }

    private static ProcessBuilder command(Path home, Path base) {
        ProcessBuilder command = new ProcessBuilder("sh", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-c", "standalone-microprofile.xml",
                "-P", base.resolve("configuration/crash.properties").toUri().toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1");
        command.environment().put("JBOSS_HOME", home.toString());
        return command;
    }
}
