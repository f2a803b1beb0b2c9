package io.mailroom.cdi.telemetry;

import io.mailroom.api.DeliveryAttempt;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.OutboxHealth;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Mailroom's instruments on one {@link Meter}. The README's metrics table lists them; every one
 * carries {@code mailroom.sender}, the sender's name ({@code default} for {@code @Inject MailSender}).
 */
final class MailMetrics {
    static final AttributeKey<String> SENDER = AttributeKey.stringKey("mailroom.sender");
    /**
     * Seconds: the SDK's default buckets (0 to 10,000) suit milliseconds. Commit to 250 is
     * milliseconds when the relay is up, and up to the retry limit (hours) when it is not.
     */
    static final List<Double> LATENCY_BUCKETS = List.of(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            30.0, 60.0, 300.0, 900.0, 3600.0, 14400.0);
    /** Seconds: a plain loopback connect is a millisecond, TLS with delayed ACKs tens, a slow relay seconds. */
    static final List<Double> CONNECT_BUCKETS = List.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1.0, 2.5, 5.0, 10.0, 30.0);

    private final Meter meter;
    private final LongCounter sent;
    private final LongCounter deferred;
    private final LongCounter deadLettered;
    private final DoubleHistogram latency;
    private final DoubleHistogram connect;

    MailMetrics(Meter meter) {
        this.meter = meter;
        sent = meter.counterBuilder("mailroom.messages.sent").setUnit("{message}")
                .setDescription("Queued messages the SMTP server accepted (250 after DATA)").build();
        deferred = meter.counterBuilder("mailroom.messages.deferred").setUnit("{attempt}")
                .setDescription("Delivery attempts that failed transiently and will be retried").build();
        deadLettered = meter.counterBuilder("mailroom.messages.dead_lettered").setUnit("{message}")
                .setDescription("Messages given up and moved to the dead-letter store").build();
        latency = meter.histogramBuilder("mailroom.delivery.latency").setUnit("s")
                .setDescription("From the transaction's commit to the SMTP server's 250 for the message")
                .setExplicitBucketBoundariesAdvice(LATENCY_BUCKETS).build();
        connect = meter.histogramBuilder("mailroom.smtp.connect.duration").setUnit("s")
                .setDescription("Opening an SMTP connection for delivery: TCP, TLS, EHLO and AUTH")
                .setExplicitBucketBoundariesAdvice(CONNECT_BUCKETS).build();
    }

    void record(Attributes sender, DeliveryAttempt attempt) {
        switch (attempt.outcome()) {
            case SENT -> {
                sent.add(1, sender);
                latency.record(seconds(attempt.sinceCommit()), sender);
            }
            case DEFERRED -> deferred.add(1, sender);
            case DEAD -> deadLettered.add(1, sender);
        }
        if (attempt.connectTime() != null) {
            connect.record(seconds(attempt.connectTime()), sender);
        }
    }

    /**
     * The gauges of one sender, read from its factory when the server exports.
     *
     * @return what stops their callbacks
     */
    List<AutoCloseable> gauges(Attributes sender, MailConnectionFactory factory, Clock clock) {
        Supplier<OutboxHealth> health = factory::outboxHealth;
        return List.of(
                meter.gaugeBuilder("mailroom.outbox.depth").ofLongs().setUnit("{message}")
                        .setDescription("Messages in the outbox waiting for delivery: due now or deferred")
                        .buildWithCallback(m -> read(health).ifPresent(h -> m.record(h.queued() + h.deferred(), sender))),
                meter.gaugeBuilder("mailroom.outbox.oldest_age").setUnit("s")
                        .setDescription("How long the longest-waiting due message has been due; 0 when none is")
                        .buildWithCallback(m -> read(health).ifPresent(h -> m.record(age(h.oldestDueSince(), clock), sender))),
                meter.gaugeBuilder("mailroom.smtp.connections.in_use").ofLongs().setUnit("{connection}")
                        .setDescription("SMTP connections the delivery workers hold")
                        .buildWithCallback(m -> read(factory::deliveryConnectionsInUse).ifPresent(n -> m.record(n, sender))));
    }

    /** A factory that cannot answer now (adapter stopping, an older adapter) gives no value rather than a wrong one. */
    private static <T> Optional<T> read(Supplier<T> value) {
        try {
            return Optional.of(value.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double age(Instant since, Clock clock) {
        return since == null ? 0 : Math.max(0, seconds(Duration.between(since, clock.instant())));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
