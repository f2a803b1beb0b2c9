package io.mailroom.cdi.telemetry;

import io.mailroom.api.DeliveryAttempt;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/** {@link MailTelemetry} with the application's OpenTelemetry: the instruments of {@link MailMetrics} and two spans. */
final class OpenTelemetryMail implements MailTelemetry {
    /** The instrumentation scope of Mailroom's meter and tracer. */
    static final String SCOPE = "io.mailroom";
    private static final Logger LOG = Logger.getLogger(OpenTelemetryMail.class.getName());
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("mailroom.outcome");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("mailroom.attempt");
    static final AttributeKey<Long> MESSAGES = AttributeKey.longKey("mailroom.messages");

    private final Tracer tracer;
    private final MailMetrics metrics;
    private final SendLinks links = new SendLinks();
    private final Clock clock;

    OpenTelemetryMail(OpenTelemetry openTelemetry, Clock clock) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.metrics = new MailMetrics(openTelemetry.getMeter(SCOPE));
        this.clock = clock;
    }

    /** MicroProfile Telemetry's {@code OpenTelemetry} bean, else the global one (a no-op unless someone set it). */
    static MailTelemetry of(Instance<Object> beans) {
        Instance<OpenTelemetry> bean = beans.select(OpenTelemetry.class);
        boolean resolvable = bean.isResolvable();
        LOG.info(TelemetryMessages.recording(resolvable ? "the application's OpenTelemetry bean (MicroProfile Telemetry)"
                : "GlobalOpenTelemetry: the application has no OpenTelemetry bean"));
        return new OpenTelemetryMail(resolvable ? bean.get() : GlobalOpenTelemetry.get(), Clock.systemUTC());
    }

    @Override
    public SendScope startSend(String sender, String operation) {
        Span span = tracer.spanBuilder("mailroom " + operation).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MailMetrics.SENDER, sender).startSpan();
        Scope current = span.makeCurrent();
        return new SendScope() {
            @Override
            public void receipts(List<SendReceipt> receipts) {
                span.setAttribute(MESSAGES, (long) receipts.size());
                for (SendReceipt receipt : receipts) {
                    if (receipt.status() == SendReceipt.Status.QUEUED) {
                        links.put(receipt.messageId(), span.getSpanContext());
                    }
                }
            }

            @Override
            public void failed(RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            }

            @Override
            public void close() {
                current.close();
                span.end();
            }
        };
    }

    @Override
    public Registration register(String sender, MailConnectionFactory factory) {
        Attributes attributes = Attributes.of(MailMetrics.SENDER, sender);
        List<AutoCloseable> gauges = metrics.gauges(attributes, factory, clock);
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void attempted(DeliveryAttempt attempt) {
                metrics.record(attributes, attempt);
                deliverySpan(attributes, attempt);
            }
        };
        return new Registration(listener, () -> {
            for (AutoCloseable gauge : gauges) {
                try {
                    gauge.close();
                } catch (Exception ignored) {
                    // An instrument that cannot stop its callback is the SDK's to report.
                }
            }
        });
    }

    /**
     * The span of one delivery attempt, afterwards, with the attempt's own start and end: a trace
     * of its own (it runs on an adapter thread, after the request ended), linked to the send.
     */
    private void deliverySpan(Attributes sender, DeliveryAttempt attempt) {
        SpanBuilder builder = tracer.spanBuilder("mailroom deliver").setSpanKind(SpanKind.CLIENT).setNoParent()
                .setStartTimestamp(attempt.startedAt())
                .setAllAttributes(sender)
                .setAttribute(MESSAGE_ID, attempt.messageId())
                .setAttribute(OUTCOME, attempt.outcome().name().toLowerCase(Locale.ROOT))
                .setAttribute(ATTEMPT, (long) attempt.attempt());
        SpanContext send = links.get(attempt.messageId());
        if (send != null) {
            builder.addLink(send);
        }
        Span span = builder.startSpan();
        if (attempt.outcome() != DeliveryAttempt.Outcome.SENT) {
            span.setStatus(StatusCode.ERROR, attempt.outcome().name().toLowerCase(Locale.ROOT));
        }
        span.end(attempt.finishedAt());
        if (attempt.outcome() != DeliveryAttempt.Outcome.DEFERRED) {
            links.remove(attempt.messageId());
        }
    }
}
