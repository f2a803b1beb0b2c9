package io.mailroom.adapter.delivery;

import java.util.List;

/** Every message of the delivery engine, with its stable id. */
final class DeliveryMessages {
    private DeliveryMessages() {
    }

    static String partlyRefused(List<String> accepted, List<String> refused) {
        return "MAILROOM-3003 delivered to " + accepted + " but refused: " + String.join("; ", refused);
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
}
