package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's own health endpoints, read over HTTP as a load balancer or Kubernetes would:
 * Liberty's {@code mpHealth-4.0} on its HTTP port, WildFly's {@code microprofile-health-smallrye}
 * subsystem on its management port. The application configures a sender {@code main} for a
 * factory in front of GreenMail and one, {@code down}, for a factory whose relay is down (nothing
 * listens): the unreachable relay is reported, and the application stays ready.
 *
 * <p>Liberty gets the usual EAR (adapter and WAR). WildFly gets the application as its README
 * guide deploys it: a WAR of its own beside the standalone {@code mailroom.rar} (deployed by
 * {@code src/test/wildfly/it.cli}, factories {@code java:/mail/health} and
 * {@code java:/mail/health-down}). WildFly registers only the health checks it can see from the
 * top-level deployment's bean archives: those of a WAR inside an EAR are never listed, neither the
 * extension's nor an application's own {@code @Readiness} beans (WFLY-12835; WildFly's health
 * extension is registered once per top-level deployment and looks up {@code HealthCheck} beans
 * from a bean archive that sees only the top-level module).
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {
    private static final String CONFIG = String.join("\n",
            "mailroom.\"main\".jndi-name=" + (ItServer.isWildFly() ? "java:/mail/health" : "mail/it"),
            "mailroom.\"down\".jndi-name=" + (ItServer.isWildFly() ? "java:/mail/health-down" : "mail/down"));

    @Deployment
    static Archive<?> deployment() {
        return ItServer.isWildFly() ? ItDeployment.warBesideAdapter(CONFIG, HealthIT.class)
                : ItDeployment.earWithCdi(CONFIG, HealthIT.class);
    }

    @Test
    void readinessReportsEachOutboxAndAnUnreachableRelayWithoutGoingDown() throws Exception {
        TestSmtpServers.mailbox(); // starts GreenMail and the proxy mail/it points at
        HttpResponse<String> ready = get("/health/ready");
        String body = ready.body().replaceAll("\\s", "");

        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(body.contains("\"mailroom-outbox-main\"") && body.contains("\"mailroom-outbox-down\""), ready.body());
        assertTrue(body.contains("\"mailroom-smtp-down\""), ready.body());
        assertTrue(body.contains("\"reachable\":false") && body.contains("\"reachable\":true"), ready.body());
        assertTrue(body.contains("\"writable\":true"), ready.body());
    }

    @Test
    void livenessReportsDeliveryPerSender() throws Exception {
        HttpResponse<String> live = get("/health/live");
        String body = live.body().replaceAll("\\s", "");

        assertEquals(200, live.statusCode(), live.body());
        assertTrue(body.contains("\"mailroom-delivery-main\"") && body.contains("\"mailroom-delivery-down\""), live.body());
    }

    /** Liberty serves /health on its HTTP port; WildFly on its management port. */
    private static HttpResponse<String> get(String path) throws Exception {
        String port = ItServer.isWildFly() ? System.getProperty("jboss.management.http.port")
                : System.getProperty("mailroom.it.http.port");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
