package io.mailroom.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * An Open Liberty server run with {@code server run}, configured by its {@code server.xml}
 * ({@code src/test/liberty/crash} or {@code src/test/liberty/jdbc}); it deploys the application in {@code apps/}.
 */
final class LibertyProcess extends ServerProcess {

    LibertyProcess(Path wlp, String serverName, int httpPort) {
        this(wlp, serverName, httpPort, Map.of());
    }

    /** @param environment added to the server's environment; its server.xml reads them as {@code ${env.NAME}} */
    LibertyProcess(Path wlp, String serverName, int httpPort, Map<String, String> environment) {
        super(command(wlp, serverName, environment), wlp.resolve("usr/servers").resolve(serverName).resolve("apps"), httpPort);
    }

    private static ProcessBuilder command(Path wlp, String serverName, Map<String, String> environment) {
        ProcessBuilder command = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", serverName);
        command.environment().putAll(environment);
        return command;
    }
}
