package io.mailroom.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the other tests (failsafe's alphabetical order) on the Liberty server: expected
 * rollbacks (the API and browser tests make several) leave no FFDC incident, and the start logged
 * nothing about empty credentials (J2CA8050I). Skipped on WildFly, which has neither.
 */
class SampleServerLogIT {
    private static final String LOGS = System.getProperty("sample.liberty.logs");

    @Test
    void expectedRollbacksLeaveNoFfdcIncident() throws IOException {
        assumeTrue(LOGS != null, "Liberty only");
        Path ffdc = Path.of(LOGS, "ffdc");
        List<Path> incidents = List.of();
        if (Files.isDirectory(ffdc)) {
            try (Stream<Path> files = Files.list(ffdc)) {
                incidents = files.filter(f -> f.getFileName().toString().startsWith("incident")).toList();
            }
        }
        assertEquals(List.of(), incidents);
    }

    @Test
    void theStartLogsNothingAboutEmptyCredentials() throws IOException {
        assumeTrue(LOGS != null, "Liberty only");
        String messages = Files.readString(Path.of(LOGS, "messages.log"));
        assertFalse(messages.contains("J2CA8050I"), "messages.log has J2CA8050I");
    }
}
