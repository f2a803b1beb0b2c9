package io.mailroom.cdi.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The span context of the send that queued each message, by message id, so that its delivery
 * span links back to it. In memory and bounded ({@value #MAX} messages, the oldest go first):
 * mail queued before a restart, or beyond the bound, is delivered without the link.
 */
final class SendLinks {
    static final int MAX = 10_000;

    private final Map<String, SpanContext> byMessageId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
            return size() > MAX;
        }
    };

    synchronized void put(String messageId, SpanContext context) {
        if (messageId != null && context.isValid()) {
            byMessageId.put(messageId, context);
        }
    }

    /** @return the send's span context, or {@code null}; kept while attempts may follow */
    synchronized SpanContext get(String messageId) {
        return messageId == null ? null : byMessageId.get(messageId);
    }

    /** The message is settled: no more delivery spans will ask. */
    synchronized void remove(String messageId) {
        byMessageId.remove(messageId);
    }
}
