package io.mailroom.adapter.delivery;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * The delivery workers' SMTP connections. Workers come and go with the work; their connections
 * stay open here between bursts (a connection the server closed meanwhile is replaced on use).
 */
final class SenderPool {
    private final Supplier<StoredMessageSender> factory;
    private final ConcurrentLinkedDeque<StoredMessageSender> idle = new ConcurrentLinkedDeque<>();

    SenderPool(Supplier<StoredMessageSender> factory) {
        this.factory = factory;
    }

    StoredMessageSender borrow() {
        StoredMessageSender sender = idle.pollFirst();
        return sender != null ? sender : factory.get();
    }

    void giveBack(StoredMessageSender sender) {
        idle.offerFirst(sender);
    }

    void closeAll() {
        for (StoredMessageSender s; (s = idle.pollFirst()) != null; ) {
            s.close();
        }
    }
}
