package io.mailroom.adapter.config;

/**
 * Messages about connection factory settings, with their stable ids. The id ranges are listed once, in the
 * {@code io.mailroom.adapter} package documentation.
 */
public final class ConfigMessages {
    private ConfigMessages() {
    }

    public static String identityCheckOff(String host) {
        return "MAILROOM-4010 WARNING: tlsCheckServerIdentity=false: the certificate of SMTP server " + host
                + " is not checked against its name, so anyone with any certificate from a trusted authority can"
                + " pose as the server and read the mail and the credentials. Use it only for tests.";
    }

    public static String invalidSetting(String property, Object value, String rule) {
        return "MAILROOM-4001 connection factory property " + property + "=" + value + " is invalid: " + rule;
    }

    public static String noTransactionRefused(String property) {
        return "MAILROOM-4020 connection factory property " + property + "=NoTransaction is not offered: the server"
                + " would not enlist the connection, so mail sent inside a transaction would go out at once even if"
                + " the transaction rolled back; use XATransaction (the default) or LocalTransaction";
    }
}
