package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.adapter.delivery.RecordedEvents;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two applications share one connection factory (in a server, each runs with its own context
 * class loader): each one's listener hears of its own mail only, not of the other's message ids
 * and recipients.
 */
class DeliveryEventScopeTest {

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;

    @AfterEach
    void stop() {
        mailroom.close();
        smtp.close();
    }

    @Test
    void eachApplicationHearsOfItsOwnMailOnly() throws Exception {
        smtp = ScriptedSmtpServer.start();
        mailroom = TestMailroom.on(smtp.port());
        Application shop = new Application("shop");
        Application payroll = new Application("payroll");
        shop.run(() -> {
            mailroom.factory().addDeliveryListener(shop.heard);
            return null;
        });
        payroll.run(() -> {
            mailroom.factory().addDeliveryListener(payroll.heard);
            return null;
        });

        String fromShop = shop.run(() -> mailroom.enqueue(TestMailroom.email("order shipped")).messageId());
        String fromPayroll = payroll.run(() -> mailroom.enqueue(TestMailroom.email("your payslip")).messageId());

        Await.until(() -> shop.heard.sent.size() + payroll.heard.sent.size() >= 2);
        Thread.sleep(300); // an event for the other application, if there were one, would come now
        assertEquals(List.of(fromShop), shop.heard.sent);
        assertEquals(List.of(fromPayroll), payroll.heard.sent);
    }

    /** An application: its own class loader, set as the context loader of the threads it runs on. */
    private static final class Application {
        final ClassLoader loader;
        final RecordedEvents heard = new RecordedEvents();

        Application(String name) {
            this.loader = new URLClassLoader(name, new URL[0], DeliveryEventScopeTest.class.getClassLoader());
        }

        <T> T run(Callable<T> work) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return work.call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
