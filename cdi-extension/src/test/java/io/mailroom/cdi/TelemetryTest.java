package io.mailroom.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.Await;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The extension records Mailroom's metrics and spans with the application's {@link OpenTelemetry}
 * bean (the real SDK, exporting to memory), for real sends through the adapter to GreenMail.
 */
class TelemetryTest {
    private static final AttributeKey<String> SENDER = AttributeKey.stringKey("mailroom.sender");
    private final CdiMailroom mailroom = new CdiMailroom();

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void aQueuedMessageGetsASendSpanInTheRequestsTraceAndADeliverySpanLinkedToIt() throws Exception {
        SdkTelemetry telemetry = start();
        Span request = mailroom.bean(OpenTelemetry.class).getTracer("test").spanBuilder("GET /order").startSpan();
        SendReceipt receipt;
        try (Scope ignored = request.makeCurrent()) {
            receipt = mailroom.bean(Senders.class).mail.send(email("traced")).get(0);
        } finally {
            request.end();
        }

        Await.until(() -> span(telemetry, "mailroom deliver").isPresent());
        SpanData send = span(telemetry, "mailroom send").orElseThrow();
        SpanData deliver = span(telemetry, "mailroom deliver").orElseThrow();
        assertEquals(SpanKind.PRODUCER, send.getKind());
        assertEquals(request.getSpanContext().getTraceId(), send.getTraceId(), "the send is part of the request");
        assertEquals(request.getSpanContext().getSpanId(), send.getParentSpanId());
        assertEquals("default", send.getAttributes().get(SENDER));
        assertEquals(SpanKind.CLIENT, deliver.getKind());
        assertTrue(deliver.getTraceId() != null && !deliver.getTraceId().equals(send.getTraceId()), "delivery is a trace of its own");
        assertEquals(1, deliver.getLinks().size(), deliver.toString());
        assertEquals(send.getSpanContext(), deliver.getLinks().get(0).getSpanContext());
        assertEquals(receipt.messageId(), deliver.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
        assertEquals("sent", deliver.getAttributes().get(AttributeKey.stringKey("mailroom.outcome")));
        assertEquals(1L, deliver.getAttributes().get(AttributeKey.longKey("mailroom.attempt")));
    }

    @Test
    void sentAndDeferredAreCountedWithLatencyConnectTimeAndTheOutboxGauges() throws Exception {
        SdkTelemetry telemetry = start();
        mailroom.server("mail/billing").stop(); // the billing relay is down: its message is deferred
        Senders senders = mailroom.bean(Senders.class);
        senders.mail.send(email("counted"));
        senders.billing.send(email("deferred"));

        Await.until(() -> mailroom.server("mail/mailroom").getReceivedMessages().length == 1
                && sum(telemetry.metrics.collectAllMetrics(), "mailroom.messages.deferred", "billing") >= 1);
        Collection<MetricData> metrics = telemetry.metrics.collectAllMetrics();
        assertEquals(1, sum(metrics, "mailroom.messages.sent", "default"));
        assertEquals(0, sum(metrics, "mailroom.messages.sent", "billing"));
        assertEquals(1, histogramCount(metrics, "mailroom.delivery.latency", "default"));
        assertEquals("s", metric(metrics, "mailroom.delivery.latency").getUnit());
        assertEquals(0.01, metric(metrics, "mailroom.delivery.latency").getHistogramData().getPoints().iterator().next()
                .getBoundaries().get(0), "buckets in seconds, not the default's milliseconds");
        assertTrue(histogramCount(metrics, "mailroom.smtp.connect.duration", "default") >= 1, metrics.toString());
        assertEquals(1, gauge(metrics, "mailroom.outbox.depth", "billing"), "the deferred message waits");
        assertEquals(0, gauge(metrics, "mailroom.outbox.depth", "default"));
        long inUse = gauge(metrics, "mailroom.smtp.connections.in_use", "default");
        assertTrue(inUse >= 0 && inUse <= 4, "at most deliveryWorkers: " + inUse);
        assertEquals("s", metric(metrics, "mailroom.outbox.oldest_age").getUnit());
    }

    private SdkTelemetry start() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class, SdkTelemetry.class);
        return mailroom.bean(SdkTelemetry.class);
    }

    private static Optional<SpanData> span(SdkTelemetry telemetry, String name) {
        return telemetry.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst();
    }

    private static MetricData metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
    }

    private static long sum(Collection<MetricData> metrics, String name, String sender) {
        MetricData m = metric(metrics, name);
        return m == null ? 0 : m.getLongSumData().getPoints().stream()
                .filter(p -> sender.equals(p.getAttributes().get(SENDER))).mapToLong(p -> p.getValue()).sum();
    }

    private static long histogramCount(Collection<MetricData> metrics, String name, String sender) {
        MetricData m = metric(metrics, name);
        return m == null ? 0 : m.getHistogramData().getPoints().stream()
                .filter(p -> sender.equals(p.getAttributes().get(SENDER))).mapToLong(p -> p.getCount()).sum();
    }

    private static long gauge(Collection<MetricData> metrics, String name, String sender) {
        MetricData m = metric(metrics, name);
        List<Long> values = m == null ? List.of() : m.getLongGaugeData().getPoints().stream()
                .filter(p -> sender.equals(p.getAttributes().get(SENDER))).map(p -> p.getValue()).toList();
        assertEquals(1, values.size(), name + " for " + sender + ": " + m);
        return values.get(0);
    }

    private static Email email(String subject) {
        return Email.builder().to("customer@example.com").subject(subject).text("text of " + subject).build();
    }
}
