package io.mailroom.adapter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose listeners hear of a message: the sender's, and for mail of unknown sender only a lone application's. */
class ListenerScopesTest {
    private final Object shop = new Object();
    private final Object payroll = new Object();
    private final DeliveryListener shopListener = new Silent();
    private final DeliveryListener payrollListener = new Silent();

    @Test
    void aTaggedMessageGoesToItsApplicationsListenersOnly() {
        ListenerScopes scopes = new ListenerScopes();
        scopes.add(shopListener, shop);
        scopes.add(payrollListener, payroll);
        scopes.tag("<order@shop>", shop);

        assertEquals(List.of(shopListener), scopes.listenersFor("<order@shop>"));
    }

    @Test
    void mailOfUnknownSenderGoesToNobodyWhenSeveralApplicationsListen() {
        ListenerScopes scopes = new ListenerScopes();
        scopes.add(shopListener, shop);
        scopes.add(payrollListener, payroll);

        assertEquals(List.of(), scopes.listenersFor("<from-before-the-restart@x>"));
    }

    @Test
    void mailOfUnknownSenderGoesToTheOnlyApplicationListening() {
        ListenerScopes scopes = new ListenerScopes();
        scopes.add(shopListener, shop);

        assertEquals(List.of(shopListener), scopes.listenersFor("<from-before-the-restart@x>"));
    }

    @Test
    void aMessageDeliveredToEveryRecipientIsForgotten() {
        ListenerScopes scopes = new ListenerScopes();
        scopes.add(shopListener, shop);
        scopes.add(payrollListener, payroll);
        scopes.tag("<order@shop>", shop);
        scopes.untag("<order@shop>");

        assertEquals(List.of(), scopes.listenersFor("<order@shop>"));
    }

    private static final class Silent implements DeliveryListener {
        @Override
        public void sent(String messageId, SendReceipt receipt) {
        }

        @Override
        public void deferred(String messageId, String reason, Instant nextAttempt) {
        }

        @Override
        public void failed(String messageId, String reason) {
        }
    }
}
