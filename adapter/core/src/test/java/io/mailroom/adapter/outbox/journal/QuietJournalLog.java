package io.mailroom.adapter.outbox.journal;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Silences the journal's warnings below SEVERE for one test: power-cut tests tear thousands of
 * tails on purpose, each logged as {@code MAILROOM-5004}. Register with {@code @ExtendWith}.
 */
final class QuietJournalLog implements BeforeEachCallback, AfterEachCallback {
    private static final Logger LOG = Logger.getLogger(JournalOutbox.class.getName());
    private Level level;

    @Override
    public void beforeEach(ExtensionContext context) {
        level = LOG.getLevel();
        LOG.setLevel(Level.SEVERE);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LOG.setLevel(level);
    }
}
