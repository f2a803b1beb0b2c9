package io.mailroom.adapter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.api.DeliveryListener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose listeners hear of a message: the sender's, and for mail of unknown sender only a lone application's. */
class ListenerScopesTest {
    private final Object shop = new Object();
    private final Object payroll = new Object();
    private final DeliveryListener shopListener = new RecordedEvents();
    private final DeliveryListener payrollListener = new RecordedEvents();

    @Test
    void aTaggedMessageGoesToItsApplicationsListenersOnly() {
        ListenerScopes scopes = twoApplications();
        scopes.tag("<order@shop>", shop);

        assertEquals(List.of(shopListener), scopes.listenersFor("<order@shop>"));
    }

    @Test
    void mailOfUnknownSenderGoesToNobodyWhenSeveralApplicationsListen() {
        ListenerScopes scopes = twoApplications();

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
        ListenerScopes scopes = twoApplications();
        scopes.tag("<order@shop>", shop);
        scopes.untag("<order@shop>");

        assertEquals(List.of(), scopes.listenersFor("<order@shop>"));
    }

    private ListenerScopes twoApplications() {
        ListenerScopes scopes = new ListenerScopes();
        scopes.add(shopListener, shop);
        scopes.add(payrollListener, payroll);
        return scopes;
    }
}
