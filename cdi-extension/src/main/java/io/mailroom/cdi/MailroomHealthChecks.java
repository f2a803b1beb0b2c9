package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.OutboxHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health checks, three per sender, added by {@link MailroomExtension} only when the
 * Health API is on the application's class path (so applications without {@code mpHealth} deploy
 * as before; this class is never loaded for them):
 * <ul>
 *   <li>readiness {@code mailroom-outbox}: DOWN when the outbox directory is not writable, the
 *       journal does not answer, or the outbox is filled to the high-water mark;</li>
 *   <li>readiness {@code mailroom-smtp}: whether the SMTP server accepts a connection; UP with
 *       {@code reachable=false} unless {@code health.smtp-required=true}, because a relay outage
 *       must not take a shop out of its load balancer while the outbox keeps the mail;</li>
 *   <li>liveness {@code mailroom-delivery}: DOWN only when delivery is stuck (due mail and no
 *       attempt finished for {@code health.stuck-after-seconds}).</li>
 * </ul>
 * A named sender's checks carry its name: {@code mailroom-outbox-<name>}.
 */
final class MailroomHealthChecks {
    private MailroomHealthChecks() {
    }

    /**
     * @param factories looks up a sender's connection factory when a check runs
     * @param settings a sender's checked health settings
     */
    static void register(AfterBeanDiscovery event, Iterable<String> senders,
                         BiFunction<String, Instance<Object>, MailConnectionFactory> factories,
                         Function<String, HealthSettings> settings) {
        for (String sender : senders) {
            HealthSettings health;
            try {
                health = settings.apply(sender);
            } catch (DeploymentException e) {
                event.addDefinitionError(e);
                continue;
            }
            add(event, sender, "outbox", Readiness.Literal.INSTANCE,
                    beans -> new Check(name("mailroom-outbox", sender),
                            () -> outbox(factories.apply(sender, beans), health)));
            add(event, sender, "smtp", Readiness.Literal.INSTANCE,
                    beans -> new Check(name("mailroom-smtp", sender),
                            () -> smtp(factories.apply(sender, beans), health)));
            add(event, sender, "delivery", Liveness.Literal.INSTANCE,
                    beans -> new Check(name("mailroom-delivery", sender),
                            () -> delivery(factories.apply(sender, beans), health, Clock.systemUTC().instant())));
        }
    }

    private static void add(AfterBeanDiscovery event, String sender, String kind, Annotation qualifier,
                            Function<Instance<Object>, HealthCheck> create) {
        event.<HealthCheck>addBean()
                .id("io.mailroom.cdi.health." + kind + "." + sender)
                .types(HealthCheck.class, Object.class)
                .qualifiers(qualifier, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .produceWith(create::apply);
    }

    private static String name(String check, String sender) {
        return SenderSettingsReader.DEFAULT.equals(sender) ? check : check + "-" + sender;
    }

    /** Status and data of one check run. */
    record Result(boolean up, Map<String, Object> data) {
    }

    static Result outbox(MailConnectionFactory factory, HealthSettings settings) {
        OutboxHealth h = factory.outboxHealth();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliveryMethod", h.deliveryMethod());
        data.put("writable", h.writable());
        data.put("journal", h.journalHealthy() ? "ok" : h.journalProblem());
        data.put("bytesUsed", h.bytesUsed());
        data.put("maxBytes", h.maxBytes());
        data.put("highWaterPercent", (long) settings.highWaterPercent());
        data.put("queued", h.queued());
        data.put("deferred", h.deferred());
        data.put("dead", h.dead());
        return new Result(h.writable() && h.journalHealthy() && !h.aboveHighWater(settings.highWaterPercent()), data);
    }

    static Result smtp(MailConnectionFactory factory, HealthSettings settings) {
        boolean reachable = factory.serverReachable();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reachable", reachable);
        data.put("required", settings.smtpRequired());
        return new Result(reachable || !settings.smtpRequired(), data);
    }

    static Result delivery(MailConnectionFactory factory, HealthSettings settings, Instant now) {
        OutboxHealth h = factory.outboxHealth();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("oldestDueSince", String.valueOf(h.oldestDueSince()));
        data.put("lastProgress", String.valueOf(h.lastProgress()));
        data.put("stuckAfterSeconds", settings.stuckAfter().toSeconds());
        return new Result(!h.deliveryStuck(now, settings.stuckAfter()), data);
    }

    /** One check: a failure to read the factory (not bound, adapter stopped) is DOWN with the reason. */
    private record Check(String name, java.util.function.Supplier<Result> run) implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            try {
                Result result = run.get();
                return new HealthCheckResponse(name, result.up() ? HealthCheckResponse.Status.UP
                        : HealthCheckResponse.Status.DOWN, Optional.of(result.data()));
            } catch (RuntimeException e) {
                return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN,
                        Optional.of(Map.of("error", String.valueOf(e.getMessage()))));
            }
        }
    }
}
