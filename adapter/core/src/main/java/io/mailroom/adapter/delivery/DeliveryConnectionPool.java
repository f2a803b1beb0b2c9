package io.mailroom.adapter.delivery;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The delivery workers' SMTP connections. Workers come and go with the work; their connections
 * stay open here between bursts (a connection the server closed meanwhile is replaced on use).
 */
final class DeliveryConnectionPool {
    private final Supplier<DeliveryConnection> factory;
    private final ConcurrentLinkedDeque<DeliveryConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inUse = new AtomicInteger();

    DeliveryConnectionPool(Supplier<DeliveryConnection> factory) {
        this.factory = factory;
    }

    DeliveryConnection borrow() {
        inUse.incrementAndGet();
        DeliveryConnection connection = idle.pollFirst();
        return connection != null ? connection : factory.get();
    }

    void giveBack(DeliveryConnection connection) {
        idle.offerFirst(connection);
        inUse.decrementAndGet();
    }

    /** @return how many connections workers hold now */
    int inUse() {
        return inUse.get();
    }

    void closeAll() {
        for (DeliveryConnection s; (s = idle.pollFirst()) != null; ) {
            s.close();
        }
    }
}
