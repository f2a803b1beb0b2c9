package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6, the ceiling: Postfix's C load generator, {@code smtp-source -d -s C -m N -l SIZE},
 * which keeps each of its C sessions open for all its messages. Its process start is inside the
 * timed run (a few milliseconds).
 */
public final class SmtpSourceScenario extends ComparedScenario {
    /** Where Debian's postfix package puts it. */
    public static final Path PROGRAM = Path.of("/usr/sbin/smtp-source");

    /** @param settings the sink and the number of sessions */
    public SmtpSourceScenario(LoadSettings settings) {
        super(ScenarioKind.SMTP_SOURCE, settings);
    }

    /** @return {@code true} if {@code smtp-source} is installed */
    public static boolean installed() {
        return Files.isExecutable(PROGRAM);
    }

    @Override
    public boolean runsInThisJvm() {
        return false;
    }

    @Override
    public Trial prepare(Workload workload) {
        List<String> command = List.of(PROGRAM.toString(), "-d",
                "-s", Integer.toString(settings.connections()),
                "-m", Integer.toString(workload.count()),
                "-l", Integer.toString(workload.bodyBytes()),
                "-f", Payload.FROM, "-t", Payload.recipient(0), "-S", Payload.subject(0),
                LoadSettings.HOST + ":" + settings.port());
        Path errors = settings.workDir().root().resolve("smtp-source-errors.txt");
        return () -> {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(settings.runLimit().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("smtp-source did not finish within " + settings.runLimit());
            }
            if (process.exitValue() != 0) {
                throw new IOException("smtp-source exited with " + process.exitValue() + ": " + String.join(" ", command)
                        + ": " + Files.readString(errors).strip());
            }
        };
    }
}
