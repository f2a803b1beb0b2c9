package io.mailroom.adapter.delivery;

import io.mailroom.api.DeliveryAttempt;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the delivery events, as an application's listener would see them. */
public final class RecordedEvents implements DeliveryListener {
    /** The message ids reported sent. */
    public final List<String> sent = new CopyOnWriteArrayList<>();
    /** The reasons of the deferrals. */
    public final List<String> deferred = new CopyOnWriteArrayList<>();
    /** The reasons of the failures. */
    public final List<String> failed = new CopyOnWriteArrayList<>();
    /** Every finished attempt, with its timings. */
    public final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void sent(String messageId, SendReceipt receipt) {
        sent.add(messageId);
    }

    @Override
    public void deferred(String messageId, String reason, Instant nextAttempt) {
        deferred.add(reason);
    }

    @Override
    public void failed(String messageId, String reason) {
        failed.add(reason);
    }

    @Override
    public void attempted(DeliveryAttempt attempt) {
        attempts.add(attempt);
    }
}
