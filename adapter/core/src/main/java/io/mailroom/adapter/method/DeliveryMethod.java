package io.mailroom.adapter.method;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code deliveryMethod} setting: where a factory's messages go. */
public enum DeliveryMethod {
    /** To the SMTP server of the factory (the default). */
    SMTP("smtp"),
    /** As {@code .eml} files into {@code pickupDirectory}, for an MTA that watches it. */
    PICKUP_DIRECTORY("pickup-directory"),
    /**
     * A {@code BytesMessage} on {@code jmsQueue}, sent on the caller's thread with the server's
     * {@code jmsConnectionFactory}: inside a JTA transaction it joins that transaction.
     */
    JMS("jms"),
    /** Kept in memory for development; nothing leaves. */
    CAPTURE("capture");

    private final String setting;

    DeliveryMethod(String setting) {
        this.setting = setting;
    }

    /** @return the value as written in the setting */
    public String setting() {
        return setting;
    }

    /**
     * @param text the setting's value; blank means {@link #SMTP}
     * @return the method
     * @throws IllegalArgumentException naming the setting and the values it takes
     */
    public static DeliveryMethod of(String text) {
        if (text == null || text.isBlank()) {
            return SMTP;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (DeliveryMethod method : values()) {
            if (method.setting.equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException(MethodMessages.unknownMethod(text,
                Arrays.stream(values()).map(DeliveryMethod::setting).collect(Collectors.joining(", "))));
    }
}
