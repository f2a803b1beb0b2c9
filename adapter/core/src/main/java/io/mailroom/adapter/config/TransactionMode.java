package io.mailroom.adapter.config;

import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.Locale;

/**
 * How the server's transaction manager drives a connection factory's connections: its
 * {@code transactionSupportLevel} setting. There is no {@code NoTransaction}: the server would then
 * not enlist the connection, and mail sent inside a transaction would go out at once, even if the
 * transaction rolled back, which breaks the one promise of the outbox.
 */
public enum TransactionMode {
    /** A full XA resource: two-phase commit, and recovery of prepared branches after a crash. */
    XA(TransactionSupportLevel.XATransaction),
    /**
     * A resource-local transaction: the server commits it in one phase, as the last resource of a
     * transaction with others (Liberty's last participant support, WildFly's LRCO).
     */
    LOCAL(TransactionSupportLevel.LocalTransaction);

    /** The setting's name, as the server's configuration spells it. */
    public static final String PROPERTY = "transactionSupportLevel";

    private final TransactionSupportLevel level;

    TransactionMode(TransactionSupportLevel level) {
        this.level = level;
    }

    /** @return the level the factory reports to the server ({@code TransactionSupport}) */
    public TransactionSupportLevel level() {
        return level;
    }

    /**
     * @param value {@code XATransaction} or {@code LocalTransaction}, in any case; empty means {@code XATransaction}
     * @throws InvalidPropertyException naming {@value #PROPERTY} and the values it accepts
     */
    public static TransactionMode parse(String value) throws InvalidPropertyException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "", "xatransaction" -> {
                return XA;
            }
            case "localtransaction" -> {
                return LOCAL;
            }
            case "notransaction" -> throw new InvalidPropertyException(ConfigMessages.noTransactionRefused(PROPERTY));
            default -> throw new InvalidPropertyException(ConfigMessages.invalidSetting(PROPERTY, value,
                    "must be XATransaction or LocalTransaction"));
        }
    }
}
