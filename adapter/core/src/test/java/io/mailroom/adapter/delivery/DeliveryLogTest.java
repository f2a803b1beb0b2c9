package io.mailroom.adapter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Deferrals are logged one by one up to a limit a minute; the rest are counted, not lost. */
class DeliveryLogTest {
    @Test
    void aBurstOfDeferralsIsLoggedUpToTheLimitAndTheRestIsSummarised() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(DeliveryEngine.class.getName());
        logger.addHandler(handler);
        try {
            DeliveryLog log = new DeliveryLog();
            Instant start = Instant.parse("2026-01-01T10:00:00Z");
            for (int i = 0; i < DeliveryLog.DEFERRALS_PER_WINDOW + 5; i++) {
                log.deferred("<m" + i + "@test>", 1, "450 4.7.1 greylisted", start.plusSeconds(300), start.plusSeconds(1));
            }
            assertEquals(DeliveryLog.DEFERRALS_PER_WINDOW, lines.size());

            log.deferred("<late@test>", 2, "450 4.7.1 greylisted", start.plusSeconds(600), start.plusSeconds(90));
            assertEquals(DeliveryLog.DEFERRALS_PER_WINDOW + 2, lines.size());
            assertTrue(lines.get(DeliveryLog.DEFERRALS_PER_WINDOW).contains("MAILROOM-6011 5 more deferrals"), lines.toString());
            assertTrue(lines.get(DeliveryLog.DEFERRALS_PER_WINDOW + 1).contains("<late@test>"), lines.toString());
        } finally {
            logger.removeHandler(handler);
        }
    }
}
