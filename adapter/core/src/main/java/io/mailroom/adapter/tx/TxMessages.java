package io.mailroom.adapter.tx;

/** Every message of the transaction package, with its stable id. */
final class TxMessages {
    private TxMessages() {
    }

    static String noLocalTransaction() {
        return "MAILROOM-2016 no local transaction is active on this connection";
    }
}
