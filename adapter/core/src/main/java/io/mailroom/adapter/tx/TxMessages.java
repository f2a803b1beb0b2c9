package io.mailroom.adapter.tx;

/** Every message of the transaction package, with its stable id. */
final class TxMessages {
    private TxMessages() {
    }

    static String noLocalTransaction() {
        return "MAILROOM-2016 no local transaction is active on this connection";
    }

    static String unknownBranch(String branch) {
        return "MAILROOM-2040 transaction branch " + branch + " is not known to this outbox (never started,"
                + " already completed or timed out)";
    }

    static String rollbackOnly(String branch) {
        return "MAILROOM-2041 the transaction this connection was enlisted in (branch " + branch + ") is marked"
                + " for rollback; nothing can be sent on it until the transaction ends";
    }

    static String timedOut(String branch) {
        return "MAILROOM-2042 transaction branch " + branch + " passed its transaction timeout and was rolled back";
    }

    static String duplicateBranch(String branch) {
        return "MAILROOM-2043 transaction branch " + branch + " is already started";
    }

    static String invalidFlags(String call, int flags) {
        return "MAILROOM-2044 " + call + " does not accept the XA flags 0x" + Integer.toHexString(flags);
    }

    static String protocol(String problem) {
        return "MAILROOM-2045 XA call out of order: " + problem;
    }

    static String outcomeUnknown(String branch, String cause) {
        return "MAILROOM-2046 the outcome of the one-phase commit of branch " + branch + " is unknown: " + cause
                + "; its messages may be delivered after a restart";
    }

    static String negativeTimeout(int seconds) {
        return "MAILROOM-2047 transaction timeout " + seconds + " is negative; use 0 for the default";
    }

    static String pendingFull(long messageBytes, long pendingBytes) {
        return "MAILROOM-5012 open transactions already hold " + pendingBytes + " bytes of mail (in memory or spooled to disk)"
                + " that must go into the outbox when they commit,"
                + " the bound (the outbox size, outboxMaxMegabytes); this message of " + messageBytes + " bytes is refused:"
                + " commit smaller transactions, or raise outboxMaxMegabytes";
    }
}
