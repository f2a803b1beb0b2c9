package io.mailroom.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health checks the extension adds when MicroProfile Health is on the class path, found the
 * way a server's health endpoint finds them (CDI beans with {@code @Readiness} / {@code @Liveness}),
 * on real connection factories sending to GreenMail.
 */
class MailroomHealthChecksTest {
    private final CdiMailroom mailroom = new CdiMailroom();

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void eachSenderHasAnOutboxAndAnSmtpReadinessCheckAndADeliveryLivenessCheck() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class);

        Map<String, HealthCheckResponse> ready = responses(Readiness.Literal.INSTANCE);
        assertEquals(List.of("mailroom-outbox", "mailroom-outbox-billing", "mailroom-smtp", "mailroom-smtp-billing"),
                List.copyOf(ready.keySet()));
        ready.values().forEach(r -> assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), r.getName()));
        assertEquals(true, ready.get("mailroom-outbox").getData().orElseThrow().get("writable"));
        assertEquals(true, ready.get("mailroom-smtp").getData().orElseThrow().get("reachable"));

        Map<String, HealthCheckResponse> live = responses(Liveness.Literal.INSTANCE);
        assertEquals(List.of("mailroom-delivery", "mailroom-delivery-billing"), List.copyOf(live.keySet()));
        live.values().forEach(r -> assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), r.getName()));
    }

    @Test
    void anSmtpOutageStaysReadyUnlessTheSettingAsksOtherwise() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.\"billing\".health.smtp-required", "true").start(Senders.class);
        mailroom.server("mail/mailroom").stop();
        mailroom.server("mail/billing").stop();

        Map<String, HealthCheckResponse> ready = responses(Readiness.Literal.INSTANCE);
        HealthCheckResponse smtp = ready.get("mailroom-smtp");
        assertEquals(HealthCheckResponse.Status.UP, smtp.getStatus());
        assertEquals(false, smtp.getData().orElseThrow().get("reachable"));
        assertEquals(HealthCheckResponse.Status.DOWN, ready.get("mailroom-smtp-billing").getStatus());
        assertEquals(HealthCheckResponse.Status.UP, ready.get("mailroom-outbox").getStatus());
    }

    @Test
    void anOutboxAtItsHighWaterMarkIsNotReady() throws Exception {
        // Three 1 MB messages kept (the server is down) fill more than 1 % of the 256 MB outbox.
        mailroom.factory("mail/mailroom").factory("mail/billing").config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.health.outbox-high-water", "1").start(Senders.class);
        mailroom.server("mail/mailroom").stop();
        assertEquals(HealthCheckResponse.Status.UP, responses(Readiness.Literal.INSTANCE).get("mailroom-outbox").getStatus());
        for (int i = 0; i < 3; i++) {
            mailroom.bean(Senders.class).mail.send(io.mailroom.api.Email.builder().to("a@example.com")
                    .subject("fill " + i).text("x".repeat(1_000_000)).build());
        }
        HealthCheckResponse outbox = responses(Readiness.Literal.INSTANCE).get("mailroom-outbox");

        assertEquals(HealthCheckResponse.Status.DOWN, outbox.getStatus(), outbox.getData().toString());
        assertEquals(1L, outbox.getData().orElseThrow().get("highWaterPercent"));
    }

    @Test
    void anInvalidHealthSettingFailsTheDeploymentNamingTheKey() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing").config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.health.outbox-high-water", "150");
        Exception e = assertThrows(Exception.class, () -> mailroom.start(Senders.class));
        String message = MailSenderInjectionTest.allMessages(e);
        assertTrue(message.contains("MAILROOM-7002") && message.contains("mailroom.health.outbox-high-water"), message);
    }

    private Map<String, HealthCheckResponse> responses(java.lang.annotation.Annotation kind) {
        Map<String, HealthCheckResponse> byName = new TreeMap<>();
        for (HealthCheck check : mailroom.instances(HealthCheck.class, kind)) {
            HealthCheckResponse response = check.call();
            byName.put(response.getName(), response);
        }
        return byName;
    }
}
