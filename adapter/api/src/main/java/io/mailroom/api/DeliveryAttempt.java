package io.mailroom.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished delivery attempt of one queued message, with its timings, for metrics and traces
 * ({@link DeliveryListener#attempted}). The CDI extension records these through the server's
 * OpenTelemetry.
 *
 * @param messageId the message's {@code Message-ID}
 * @param outcome how the attempt ended
 * @param committedAt when the message's transaction committed (it entered the outbox)
 * @param startedAt when this attempt began
 * @param finishedAt when the server answered (or the attempt failed)
 * @param connectTime how long opening the SMTP connection took (TCP, TLS, EHLO, AUTH) when this
 *                    attempt opened one, or {@code null} when it reused an open connection
 * @param attempt which attempt this was, from 1
 */
public record DeliveryAttempt(String messageId, Outcome outcome, Instant committedAt, Instant startedAt,
                              Instant finishedAt, Duration connectTime, int attempt) {

    /** How an attempt ended. */
    public enum Outcome {
        /** The server accepted the message for every remaining recipient, or for some of them. */
        SENT,
        /** A transient failure: it will be tried again. */
        DEFERRED,
        /** Given up: moved to the dead-letter store. */
        DEAD
    }

    /** Checks that the times are given. */
    public DeliveryAttempt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** @return from commit to the server's answer: for {@link Outcome#SENT}, the commit-to-{@code 250} latency */
    public Duration sinceCommit() {
        return Duration.between(committedAt, finishedAt);
    }
}
