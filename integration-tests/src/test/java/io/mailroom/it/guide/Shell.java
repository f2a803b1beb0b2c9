package io.mailroom.it.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line as the README shows it, with bash, bounded in time, its output kept in a log. */
final class Shell {
    private final Path logs;
    private int count;

    Shell(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    /**
     * @return the command's output
     * @throws AssertionError if it fails or does not end within {@code limit}
     */
    String run(String commandLine, Path directory, Map<String, String> environment, Duration limit) throws Exception {
        Process process = start(commandLine, directory, environment);
        Path log = logOf(process);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("'" + commandLine + "' did not end within " + limit + "; see " + log);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("'" + commandLine + "' failed (" + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    /** Starts a long-running command (a server in the foreground); its output goes to {@link #logOf}. */
    Process start(String commandLine, Path directory, Map<String, String> environment) throws IOException {
        Path log = logs.resolve(String.format("%02d.log", ++count));
        Files.writeString(log, "$ " + commandLine + "\n");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        logsByPid.put(process.pid(), log);
        return process;
    }

    Path logOf(Process process) {
        return logsByPid.get(process.pid());
    }

    private final Map<Long, Path> logsByPid = new java.util.concurrent.ConcurrentHashMap<>();
}
