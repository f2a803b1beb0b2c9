package io.mailroom.adapter.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.api.CapturedMessage;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capture store is bounded in count and in bytes; the oldest make room. */
class CaptureStoreTest {
    @Test
    void theOldestMakeRoomBeyondTheCount() {
        CaptureStore store = new CaptureStore(Clock.systemUTC(), 3, 1_000_000);
        for (int i = 1; i <= 5; i++) {
            store.send(message(i, 10));
        }
        assertEquals(List.of("<3>", "<4>", "<5>"), store.messages().stream().map(CapturedMessage::messageId).toList());
    }

    @Test
    void theOldestMakeRoomBeyondTheBytes() {
        CaptureStore store = new CaptureStore(Clock.systemUTC(), 100, 250);
        for (int i = 1; i <= 5; i++) {
            store.send(message(i, 100));
        }
        assertEquals(List.of("<4>", "<5>"), store.messages().stream().map(CapturedMessage::messageId).toList());
    }

    private static OutboxMessage message(int n, int size) {
        return new OutboxMessage("a@example.com", List.of("b@example.com"), "<" + n + ">", new byte[size]);
    }
}
