package io.mailroom.adapter.outbox.journal;

import java.nio.file.Path;

/**
 * Every message the journal outbox shows to users, with its stable id. The id ranges are listed once, in the
 * {@code io.mailroom.adapter} package documentation.
 */
final class JournalMessages {
    private JournalMessages() {
    }

    static String full(Path dir, long used, long max) {
        return "MAILROOM-5001 outbox at " + dir + " is full: " + used + " of " + max
                + " bytes; raise the connection factory's outboxMaxMegabytes or fix delivery";
    }

    static String ioFailure(Path dir, String action, Exception cause) {
        return "MAILROOM-5002 outbox at " + dir + " could not " + action + ": " + cause;
    }

    static String unusableDirectory(Path dir, Exception cause) {
        return "MAILROOM-5003 outbox directory " + dir + " cannot be created or written: " + cause;
    }

    static String tornTail(Path file, long offset, String reason, long dropped) {
        return "MAILROOM-5004 outbox journal " + file + " has a torn or corrupt record at offset " + offset
                + " (" + reason + "), probably from a crash in the middle of a write; dropped the last "
                + dropped + " bytes, nothing in them will be delivered";
    }

    static String alreadyPrepared(Path dir, String branch) {
        return "MAILROOM-5005 branch " + branch + " is already prepared in the outbox at " + dir;
    }

    static String closed(Path dir) {
        return "MAILROOM-5006 outbox at " + dir + " is closed";
    }

    static String corruptSegment(Path file, long offset, String reason) {
        return "MAILROOM-5007 outbox journal " + file + " is corrupt at offset " + offset + " (" + reason
                + ") and is not the last segment, so this is not a torn write; move the file out of the"
                + " directory to open the outbox without it";
    }

    static String stopped(Path dir, Exception cause) {
        return "MAILROOM-5008 outbox at " + dir + " cannot write after an I/O failure (" + cause
                + "); nothing was stored, and the next call tries to recover again";
    }

    static String inUse(Path dir) {
        return "MAILROOM-5009 outbox at " + dir + " is already open, in this or another process";
    }

    static String invalidOption(String name, long value, String rule) {
        return "MAILROOM-5010 outbox option " + name + "=" + value + " is invalid: " + rule;
    }

    static String compactionFailed(Path dir, Exception cause) {
        return "MAILROOM-5011 outbox at " + dir + " could not free old journal segments: " + cause
                + "; it tries again on the next change";
    }

    static String undecodableRecord(Path file, long offset, String reason) {
        return "MAILROOM-5040 outbox journal " + file + " holds a record at offset " + offset
                + " whose checksum is valid but which this version cannot read (" + reason + "); it was written"
                + " whole, so it is not a torn write and nothing was cut off. Open the outbox with the Mailroom"
                + " version that wrote it, or move the file out of the directory";
    }

    static String inDoubt(Path dir, Exception cause) {
        return "MAILROOM-5041 outbox at " + dir + " could not force its journal to disk (" + cause
                + "); the record may or may not be stored: after a restart it may be there";
    }

    static String recovered(Path dir, long dropped, Exception cause) {
        return "MAILROOM-5042 outbox at " + dir + " recovered from a disk fault (" + cause + ") without a restart:"
                + " cut the last " + dropped + " unforced bytes off its journal and reloaded the rest";
    }

    static String deadLetterFilesLeft(Path dir, long id, Exception cause) {
        return "MAILROOM-5060 outbox at " + dir + " recorded that dead letter " + id + " is requeued or deleted, but"
                + " could not delete its files (" + cause + "); they are deleted when the outbox next opens";
    }
}
