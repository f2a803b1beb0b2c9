package io.mailroom.adapter.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * What the delivery workers tell the log: every dead letter with its reason (a warning), and each
 * deferral once with the server's reply and the next attempt time (info), at most
 * {@value #DEFERRALS_PER_WINDOW} deferrals a minute, so a relay that greylists a whole burst does
 * not flood the log; the rest are counted and summarised once the minute is over.
 */
final class DeliveryLog {
    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());
    static final int DEFERRALS_PER_WINDOW = 20;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private Instant windowStart = Instant.MIN;
    private int loggedInWindow;
    private long notLogged;

    void deferred(String messageId, int attempts, String reason, Instant nextAttempt, Instant now) {
        String line = null;
        String summary = null;
        synchronized (this) {
            if (!now.isBefore(windowStart.plus(WINDOW))) {
                if (notLogged > 0) {
                    summary = DeliveryMessages.deferralsNotLogged(notLogged, WINDOW.toSeconds());
                }
                windowStart = now;
                loggedInWindow = 0;
                notLogged = 0;
            }
            if (loggedInWindow < DEFERRALS_PER_WINDOW) {
                loggedInWindow++;
                line = DeliveryMessages.deferred(messageId, attempts, reason, nextAttempt);
            } else {
                notLogged++;
            }
        }
        if (summary != null) {
            LOG.info(summary);
        }
        if (line != null) {
            LOG.info(line);
        }
    }

    void deadLettered(String messageId, String reason) {
        LOG.warning(DeliveryMessages.deadLettered(messageId, reason));
    }
}
