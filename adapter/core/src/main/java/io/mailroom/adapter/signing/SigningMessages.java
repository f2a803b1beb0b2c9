package io.mailroom.adapter.signing;

/** Messages about signing a message (80xx), with their stable ids. */
final class SigningMessages {
    private SigningMessages() {
    }

    static String noSigningKey() {
        return "MAILROOM-8003 the message asks for an S/MIME signature, but the connection factory has no smimeKeyStore;"
                + " nothing was sent";
    }

    static String smimeFailed(boolean signing, Exception cause) {
        return "MAILROOM-8010 S/MIME " + (signing ? "signing" : "encryption") + " failed, nothing was sent: " + cause;
    }

    static String notWritten(String reason) {
        return "MAILROOM-8007 the message could not be written for signing: " + reason;
    }
}
