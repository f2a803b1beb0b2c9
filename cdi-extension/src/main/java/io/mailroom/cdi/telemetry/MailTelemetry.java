package io.mailroom.cdi.telemetry;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import java.util.List;
import jakarta.enterprise.inject.Instance;

/**
 * What a sender tells about its mail for metrics and traces. {@link #forApplication} gives the
 * OpenTelemetry one when the application has the OpenTelemetry API, else one that does nothing.
 */
public interface MailTelemetry {

    /**
     * Starts the span of one send call of a sender; close the returned scope when the call returns.
     *
     * @param operation what is called, for the span's name ({@code send}, {@code sendNow} …)
     */
    SendScope startSend(String sender, String operation);

    /**
     * Starts recording a sender's deliveries and outbox, until {@link Registration#close()}.
     *
     * @return the registration; its listener must be added to the factory by the caller
     */
    Registration register(String sender, MailConnectionFactory factory);

    /** The span of one send call, current on the calling thread until closed. */
    interface SendScope extends AutoCloseable {
        /** The call queued or sent these messages: their deliveries link back to this span. */
        void receipts(List<SendReceipt> receipts);

        /** The call failed. */
        void failed(RuntimeException e);

        @Override
        void close();
    }

    /**
     * One sender's recording: a delivery listener for the factory, and what stops the gauges'
     * callbacks when closed (the caller removes the listener).
     */
    record Registration(DeliveryListener listener, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    /** Records nothing. */
    MailTelemetry NONE = new MailTelemetry() {
        @Override
        public SendScope startSend(String sender, String operation) {
            return new SendScope() {
                @Override
                public void receipts(List<SendReceipt> receipts) {
                }

                @Override
                public void failed(RuntimeException e) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Registration register(String sender, MailConnectionFactory factory) {
            return new Registration(new DeliveryListener() {
            }, () -> { });
        }
    };

    /**
     * @param beans the application's beans: MicroProfile Telemetry's {@code OpenTelemetry} bean is
     *              looked up there, only when the API is on the class path (else
     *              {@code GlobalOpenTelemetry})
     * @return OpenTelemetry recording when the API is present, else {@link #NONE}
     */
    static MailTelemetry forApplication(Instance<Object> beans) {
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, MailTelemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return OpenTelemetryMail.of(beans);
    }
}
