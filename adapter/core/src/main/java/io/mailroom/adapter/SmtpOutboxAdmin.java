package io.mailroom.adapter;

import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.OutboxException;

import io.mailroom.api.MailException;
import io.mailroom.api.OutboxAdmin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The operator's view of one outbox runtime: maps the outbox SPI and the delivery engine to the API. */
final class SmtpOutboxAdmin implements OutboxAdmin {
    private final OutboxRuntime runtime;

    SmtpOutboxAdmin(OutboxRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<Entry> entries(int limit) {
        return runtime.outbox().entries(limit).stream().map(SmtpOutboxAdmin::toEntry).toList();
    }

    @Override
    public List<OutboxAdmin.DeadLetter> deadLetters(int limit) {
        return runtime.outbox().deadLetters(limit).stream().map(SmtpOutboxAdmin::toDeadLetter).toList();
    }

    @Override
    public Optional<String> headers(long id) {
        try {
            return runtime.outbox().headers(id, MAX_HEADER_BYTES);
        } catch (OutboxException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong requeue(long deadLetterId) {
        try {
            OptionalLong requeued = runtime.outbox().requeue(deadLetterId);
            if (requeued.isPresent()) {
                runtime.engine().wake();
            }
            return requeued;
        } catch (OutboxException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(long deadLetterId) {
        try {
            return runtime.outbox().deleteDeadLetter(deadLetterId);
        } catch (OutboxException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    @Override
    public void pause() {
        runtime.engine().pause();
    }

    @Override
    public void resume() {
        runtime.engine().resume();
    }

    @Override
    public boolean paused() {
        return runtime.engine().paused();
    }

    private static Entry toEntry(EntrySummary e) {
        State state = e.inDoubt() ? State.IN_DOUBT : e.deferred() ? State.DEFERRED : State.QUEUED;
        return new Entry(e.id(), e.messageId(), e.mailFrom(), e.recipients(), state, e.enqueuedAt(), e.attempts(),
                e.notBefore(), e.lastReason(), e.branch());
    }

    private static OutboxAdmin.DeadLetter toDeadLetter(io.mailroom.adapter.outbox.DeadLetter d) {
        return new OutboxAdmin.DeadLetter(d.id(), d.messageId(), d.mailFrom(), d.recipients(), d.reason(), d.deadAt());
    }
}
