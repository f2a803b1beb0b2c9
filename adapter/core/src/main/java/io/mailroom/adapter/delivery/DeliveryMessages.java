package io.mailroom.adapter.delivery;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Every message of the delivery engine, with its stable id. */
final class DeliveryMessages {
    private DeliveryMessages() {
    }

    static String refused(List<?> refusals) {
        return "MAILROOM-3003 refused recipients: " + refusals.stream().map(String::valueOf).collect(Collectors.joining("; "));
    }

    static String expired(int attempts, String lastReason) {
        return "MAILROOM-3004 expired after " + attempts + " attempts; last: " + lastReason;
    }

    static String deadLettered(String messageId, String reason) {
        return "MAILROOM-3005 message " + messageId + " moved to dead letters: " + reason;
    }

    static String workerStopped(String reason) {
        return "MAILROOM-6001 a delivery worker stopped: " + reason;
    }

    static String started(int workers, Object outboxStats) {
        return "MAILROOM-6002 delivery started with up to " + workers + " workers; outbox " + outboxStats;
    }

    static String listenerThrew(Exception e) {
        return "MAILROOM-6003 a delivery listener threw: " + e;
    }

    static String workerNotStarted(Exception e) {
        return "MAILROOM-6004 a delivery worker could not be started (the timer tries again): " + e;
    }

    static String deferred(String messageId, int attempts, String reason, Instant nextAttempt) {
        return "MAILROOM-6010 message " + messageId + " deferred after attempt " + attempts + ", next attempt at "
                + nextAttempt + ": " + reason;
    }

    static String deferralsNotLogged(long count, long windowSeconds) {
        return "MAILROOM-6011 " + count + " more deferrals in the last " + windowSeconds
                + " s not logged one by one (see outboxStatus() and the delivery events)";
    }

    static String failedUnexpectedly(RuntimeException e) {
        return "MAILROOM-6012 sending failed unexpectedly, will try again: " + e;
    }

    static String deadLetterNotStored(String reason, Exception e) {
        return "MAILROOM-6013 the dead letter could not be stored (" + e.getMessage() + "), will try again; it was: "
                + reason;
    }

    static String paused(Object outboxStats) {
        return "MAILROOM-6060 delivery paused by an operator: workers finish the message in hand and take no more; outbox "
                + outboxStats;
    }

    static String resumed(Object outboxStats) {
        return "MAILROOM-6061 delivery resumed by an operator; outbox " + outboxStats;
    }
}
