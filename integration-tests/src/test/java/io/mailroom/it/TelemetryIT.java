package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.mailroom.api.Email;
import io.mailroom.cdi.MailSender;
import io.mailroom.cdi.Mailer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the server's MicroProfile Telemetry exports of Mailroom, read as an operator reads an
 * exporter's output: the application turns OpenTelemetry on in its MicroProfile Config with the
 * console exporters (the OpenTelemetry SDK's own {@code LoggingMetricExporter} and
 * {@code LoggingSpanExporter}, which the server runs and which write to its log), and the test
 * reads the server's log: Liberty's {@code messages.log}, WildFly's {@code server.log}. No meter
 * or exporter of the test's own is involved.
 *
 * <p>The console span exporter prints no links; that the delivery span links to the send span is
 * shown by the CDI extension's {@code TelemetryTest} with the OpenTelemetry SDK.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelemetryIT {
    private static final String SENDERS = String.join("\n",
            "mailroom.jndi-name=" + (ItServer.isWildFly() ? "java:/mail/health" : "mail/it"),
            "mailroom.\"down\".jndi-name=" + (ItServer.isWildFly() ? "java:/mail/health-down" : "mail/down"));
    private static final String OPEN_TELEMETRY = String.join("\n",
            "otel.sdk.disabled=false",
            "otel.service.name=mailroom-telemetry-it",
            "otel.traces.exporter=console",
            "otel.metrics.exporter=console",
            "otel.logs.exporter=none",
            "otel.metric.export.interval=500");

    @Inject
    CdiShop shop;

    @Inject
    @Mailer("down")
    MailSender down;

    /**
     * On WildFly a WAR beside the standalone adapter, as for HealthIT (see there). On Liberty the
     * EAR, with the {@code otel.*} settings in a jar of the EAR's {@code lib/}, where every module
     * sees them: Liberty builds an application's one OpenTelemetry when a module first asks for it,
     * from the configuration that module's class loader sees, and here the outbox admin WAR may ask
     * before the test WAR (it did in CI once, and nothing was exported).
     */
    @Deployment
    static Archive<?> deployment() {
        return ItServer.isWildFly()
                ? ItDeployment.warBesideAdapter(SENDERS + "\n" + OPEN_TELEMETRY, TelemetryIT.class, CdiShop.class)
                : ItDeployment.earWithCdi(SENDERS, TelemetryIT.class, CdiShop.class)
                        .addAsLibrary(ItDeployment.configJar("otel-config.jar", OPEN_TELEMETRY));
    }

    /**
     * An operator's request to the outbox admin module, before any request to the application's own
     * WAR: on Liberty, the module that first asks for the application's OpenTelemetry decides the
     * configuration it is built with (see {@link #deployment()}). WildFly's deployment here has no
     * admin module.
     */
    @Test
    @Order(1)
    @RunAsClient
    void anotherModuleOfTheApplicationServesTheFirstRequest() throws Exception {
        assumeFalse(ItServer.isWildFly(), "the WAR beside the adapter has no admin module");
        HttpResponse<String> response = AdminApi.admin().get("api/outbox");
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    @Order(2)
    void theServerExportsMailroomsCountersGaugesHistogramsAndSpans() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        String subject = "telemetry " + UUID.randomUUID();
        String messageId = shop.sendAndCommit(email(subject));
        down.send(email("nobody listens " + UUID.randomUUID())); // outside a transaction: queued, then deferred
        assertTrue(Mailbox.await(() -> mailbox.count(subject) == 1), "not delivered");

        assertTrue(Mailbox.await(() -> longValue("mailroom.messages.sent", "default").orElse(0L) >= 1
                        && longValue("mailroom.messages.deferred", "down").orElse(0L) >= 1),
                () -> "counters not exported: " + lines("name=mailroom.messages") + lines("MAILROOM-7301")
                        + lines("opentelemetry"));
        assertTrue(Mailbox.await(() -> histogramCount("mailroom.delivery.latency", "default").orElse(0L) >= 1
                        && histogramCount("mailroom.smtp.connect.duration", "default").orElse(0L) >= 1),
                () -> "histograms not exported: " + lines("name=mailroom.delivery.latency"));
        assertTrue(Mailbox.await(() -> longValue("mailroom.outbox.depth", "down").orElse(0L) >= 1
                        && longValue("mailroom.outbox.depth", "default").isPresent()
                        && longValue("mailroom.smtp.connections.in_use", "default").isPresent()
                        && lastLine("name=mailroom.outbox.oldest_age,").filter(l -> l.contains("unit=s,")).isPresent()),
                () -> "gauges not exported: " + lines("name=mailroom.outbox") + lines("name=mailroom.smtp.connections"));
        // Any deliver line, not the last: the "down" sender's retries keep adding deferred ones.
        assertTrue(Mailbox.await(() -> lastLine("'mailroom send'").filter(l -> l.contains("PRODUCER")).isPresent()
                        && lines("'mailroom deliver'").stream().anyMatch(l -> l.contains(messageId)
                        && l.contains("mailroom.outcome=sent") && l.contains("CLIENT"))),
                () -> "spans not exported: " + lines("'mailroom "));
    }

    /** The value of a counter or long gauge for a sender, in the newest export that has it. */
    private static Optional<Long> longValue(String metric, String sender) {
        return lastLine("name=" + metric + ",").flatMap(line -> group(line,
                "attributes=\\{mailroom\\.sender=\"" + sender + "\"\\}, value=(\\d+)")).map(Long::valueOf);
    }

    /** A histogram's count for a sender (the SDK's point prints its fields as {@code getSum=}, {@code getCount=}). */
    private static Optional<Long> histogramCount(String metric, String sender) {
        return lastLine("name=" + metric + ",").flatMap(line -> group(line,
                "(?:get)?[Aa]ttributes=\\{mailroom\\.sender=\"" + sender + "\"\\}, (?:get)?[Ss]um=[^,]+, (?:get)?[Cc]ount=(\\d+)"))
                .map(Long::valueOf);
    }

    private static Optional<String> group(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> lastLine(String containing) {
        List<String> all = lines(containing);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static List<String> lines(String containing) {
        try {
            return Files.readAllLines(serverLog(), StandardCharsets.UTF_8).stream().filter(l -> l.contains(containing)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WildFly's {@code server.log}; Liberty's {@code messages.log}, whose path the build passes. */
    private static Path serverLog() {
        String wildFly = System.getProperty("jboss.server.log.dir");
        return wildFly != null ? Path.of(wildFly, "server.log") : Path.of(System.getProperty("mailroom.it.log"));
    }

    private static Email email(String subject) {
        return Email.builder().to("ops@example.com").subject(subject).text("text of " + subject).build();
    }
}
