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
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's own health endpoints, read over HTTP as a load balancer or Kubernetes would:
 * Liberty's {@code mpHealth-4.0} on its HTTP port, WildFly's health subsystem on its management
 * port. Not run on WildFly yet (excluded in the pom's wildfly execution): WildFly 39's endpoints
 * list only the server's own checks, none of those the extension adds with
 * {@code AfterBeanDiscovery.addBean()}, and it is not yet known whether the Health API is not
 * visible to the WAR there or its health subsystem skips synthetic beans (issue 16, open). The application configures a sender {@code main} for {@code mail/it} (GreenMail behind a
 * proxy) and one, {@code down}, for {@code mail/down} (nothing listens): the unreachable relay is
 * reported, and the application stays ready.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {
    private static final String CONFIG = String.join("\n",
            "mailroom.\"main\".jndi-name=" + ItServer.jndiName("mail/it"),
            "mailroom.\"down\".jndi-name=" + ItServer.jndiName("mail/down"));

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.earWithCdi(CONFIG, HealthIT.class);
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
