package io.mailroom.adapter.delivery;

import io.mailroom.api.DeliveryListener;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which listeners hear about which message: only those of the application that sent it. One
 * outbox serves every application that shares its connection factory, so without this each
 * application would see the others' message ids and recipients.
 *
 * <p>An application is known by an object the caller names, in practice the context class loader
 * of the thread that registers a listener or sends a message: in a server each application has
 * its own; outside one every caller shares one, and every listener hears every message.
 *
 * <p>The tags live in memory only. Mail enqueued before a restart has none: its events go to the
 * listeners if they all belong to one application (the usual case), and to none if several
 * applications listen, since nobody can tell whose it is (the log and {@code outboxStatus()} still
 * show it). At most {@value #MAX_TAGS} messages are
 * tagged at once; a tag goes when its message is delivered to every recipient, and the oldest go
 * first beyond the limit (mail of transactions that rolled back, or refused). Class loaders are
 * held weakly, so an undeployed application is not kept in memory.
 */
final class ListenerScopes {
    static final int MAX_TAGS = 100_000;

    private record Registered(DeliveryListener listener, int scope) {
    }

    private final Map<Object, Integer> scopeIds = new WeakHashMap<>();
    private final Map<String, Integer> tags = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TAGS;
        }
    };
    private final List<Registered> listeners = new CopyOnWriteArrayList<>();
    private int nextScope;

    void add(DeliveryListener listener, Object application) {
        int scope = scopeOf(application);
        if (listeners.stream().noneMatch(r -> r.listener() == listener)) {
            listeners.add(new Registered(listener, scope));
        }
    }

    void remove(DeliveryListener listener) {
        listeners.removeIf(r -> r.listener() == listener);
    }

    /** Notes that the message was sent by the application; call before it can be delivered. */
    synchronized void tag(String messageId, Object application) {
        if (messageId != null) {
            tags.put(messageId, scopeOf(application));
        }
    }

    /** The message reached all its recipients: no more events will come for it. */
    synchronized void untag(String messageId) {
        tags.remove(messageId);
    }

    /**
     * @return the listeners of the application that sent the message; for a message whose sender
     *         is unknown, all listeners if one application registered them all, else none
     */
    List<DeliveryListener> listenersFor(String messageId) {
        if (listeners.isEmpty()) {
            return List.of(); // nobody listens: no look-up under the lock the enqueuing threads tag under
        }
        Integer scope;
        synchronized (this) {
            scope = messageId == null ? null : tags.get(messageId);
        }
        if (scope == null) {
            boolean oneApplication = listeners.stream().map(Registered::scope).distinct().count() <= 1;
            return oneApplication ? listeners.stream().map(Registered::listener).toList() : List.of();
        }
        return listeners.stream().filter(r -> r.scope() == scope).map(Registered::listener).toList();
    }

    private synchronized int scopeOf(Object application) {
        return scopeIds.computeIfAbsent(application == null ? ListenerScopes.class : application, a -> nextScope++);
    }
}
