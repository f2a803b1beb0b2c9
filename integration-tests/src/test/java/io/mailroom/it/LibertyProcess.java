package io.mailroom.it;

import java.nio.file.Path;

/**
 * An Open Liberty server run with {@code server run}, configured by
 * {@code src/test/liberty/crash/server.xml}; it deploys the application in {@code apps/}.
 */
final class LibertyProcess extends ServerProcess {

    LibertyProcess(Path wlp, String serverName, int httpPort) {
        super(new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", serverName),
                wlp.resolve("usr/servers").resolve(serverName).resolve("apps"), httpPort);
    }
}
