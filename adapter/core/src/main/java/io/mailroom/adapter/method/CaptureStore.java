package io.mailroom.adapter.method;

import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.api.CapturedMessage;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code deliveryMethod=capture}: messages kept in memory instead of sent, for development and a
 * sample's inbox view. Bounded both in count and in bytes; when either bound is reached the
 * oldest messages make room, so a forgotten development server cannot run out of memory.
 */
public final class CaptureStore implements DeliveryConnection {
    /** Enough for a day of clicking through a sample; one large attachment test does not evict it all. */
    public static final int MAX_MESSAGES = 500;
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private final Clock clock;
    private final int maxMessages;
    private final long maxBytes;
    private final Deque<CapturedMessage> messages = new ArrayDeque<>();
    private long bytes;

    public CaptureStore(Clock clock) {
        this(clock, MAX_MESSAGES, MAX_BYTES);
    }

    CaptureStore(Clock clock, int maxMessages, long maxBytes) {
        this.clock = clock;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized RecipientReplies send(OutboxMessage message) {
        CapturedMessage captured = new CapturedMessage(message.messageId(), message.mailFrom(), message.recipients(),
                clock.instant(), message.mime());
        messages.addLast(captured);
        bytes += captured.mime().length;
        while (messages.size() > maxMessages || (bytes > maxBytes && messages.size() > 1)) {
            bytes -= messages.removeFirst().mime().length;
        }
        return new RecipientReplies(message.messageId(), MethodMessages.captured(), message.recipients(), List.of());
    }

    /** @return the captured messages, oldest first, each with its own copy of the bytes */
    public synchronized List<CapturedMessage> messages() {
        List<CapturedMessage> copies = new ArrayList<>(messages.size());
        for (CapturedMessage m : messages) {
            copies.add(new CapturedMessage(m.messageId(), m.mailFrom(), m.recipients(), m.capturedAt(), m.mime().clone()));
        }
        return copies;
    }

    /** Forgets every captured message. */
    public synchronized void clear() {
        messages.clear();
        bytes = 0;
    }

    /** Nothing to close: the store outlives the workers that fill it. */
    @Override
    public void close() {
    }
}
