package io.mailroom.cdi.telemetry;

/** The messages of the telemetry package, with their stable ids. */
final class TelemetryMessages {
    private TelemetryMessages() {
    }

    /** @param source where the OpenTelemetry came from: the application's bean, or the global one */
    static String recording(String source) {
        return "MAILROOM-7301 Mailroom records its metrics and spans with " + source
                + " (scope io.mailroom; nothing is exported while otel.sdk.disabled is true)";
    }
}
