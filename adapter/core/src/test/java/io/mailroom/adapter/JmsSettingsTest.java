package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.method.DeliveryMethod;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The settings of {@code deliveryMethod=jms}: both JNDI names are required when the factory is
 * created, and neither is looked up then (the server may bind its messaging resources after the
 * adapter's factory is configured; a name that never resolves fails at the first send, naming
 * the setting: {@code JmsQueueTest}).
 */
class JmsSettingsTest {

    @Test
    void jmsWithoutTheConnectionFactoryNameFailsNamingIt() {
        assertRefused("MAILROOM-9006 connection factory property deliveryMethod=jms needs jmsConnectionFactory (",
                f -> f.setJmsQueue("jms/mailroom"));
    }

    @Test
    void jmsWithoutTheQueueNameFailsNamingIt() {
        assertRefused("MAILROOM-9006 connection factory property deliveryMethod=jms needs jmsQueue (",
                f -> f.setJmsConnectionFactory("jms/mailroomCF"));
    }

    @Test
    void jmsWithNeitherNameFailsNamingBoth() {
        assertRefused("MAILROOM-9006 connection factory property deliveryMethod=jms needs jmsConnectionFactory and jmsQueue",
                f -> f.setJmsQueue("  "));
    }

    @Test
    void jmsWithBothNamesIsAcceptedWithoutLookingThemUp() throws Exception {
        SmtpManagedConnectionFactory f = TestMailroom.settings(2525);
        f.setDeliveryMethod("JMS");
        f.setJmsConnectionFactory(" jms/notBoundHere ");
        f.setJmsQueue("jms/notBoundEither");

        f.settings();

        assertEquals(DeliveryMethod.JMS, f.services().methods().method());
        assertTrue(f.services().methods().joinsCallerTransaction());
        assertEquals("JmsQueue[jms/notBoundHere -> jms/notBoundEither]", f.services().methods().local().toString());
    }

    @Test
    void onlyJmsJoinsTheCallersTransaction() throws Exception {
        for (String method : new String[] {"smtp", "capture"}) {
            SmtpManagedConnectionFactory f = TestMailroom.settings(2525);
            f.setDeliveryMethod(method);
            f.settings();
            assertTrue(!f.services().methods().joinsCallerTransaction(), method);
        }
    }

    private static void assertRefused(String start, Consumer<SmtpManagedConnectionFactory> change) {
        SmtpManagedConnectionFactory f = TestMailroom.settings(2525);
        f.setDeliveryMethod("jms");
        change.accept(f);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, f::settings);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
