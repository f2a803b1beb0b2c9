package io.mailroom.adapter.outbox;

import java.nio.file.Path;

/** Messages of the outbox SPI's own helpers ({@link Spool}), with their stable ids. */
final class OutboxMessages {
    private OutboxMessages() {
    }

    static String staleSpoolFiles(Path directory, int count) {
        return "MAILROOM-5070 deleted " + count + " spool file(s) left in " + directory
                + " by transactions that were open when the outbox last stopped (they rolled back)";
    }

    static String spoolNotDeleted(Path file, Exception e) {
        return "MAILROOM-5071 could not delete spool file " + file + " (" + e.getMessage()
                + "); it is deleted when the outbox next opens";
    }

    static String spoolDirectoryNotDeleted(Path path, Exception e) {
        return "MAILROOM-5073 could not delete " + path + " of this run's spool directory (" + e.getMessage()
                + "); it is no longer used and can be removed";
    }

    static String spoolUnusable(Path directory, Exception e) {
        return "MAILROOM-5072 the spool directory " + directory + " cannot be created or cleaned (" + e
                + "): messages given as streams inside transactions are kept there until commit";
    }
}
