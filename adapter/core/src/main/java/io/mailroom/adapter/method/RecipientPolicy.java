package io.mailroom.adapter.method;

import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxMessage;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The staging guard ({@code recipientAllowList}, {@code redirectTo}): a test system must never
 * mail real customers. Envelope recipients on the allow-list go through; the others are dropped,
 * or, with {@code redirectTo}, replaced by that one address. Without an allow-list but with
 * {@code redirectTo}, every message goes to {@code redirectTo} only. Each drop or redirect is
 * logged with the message id.
 *
 * <p>A redirected message gains an {@code X-Mailroom-Original-Recipients} header (prepended, so a
 * DKIM or S/MIME signature over the rest stays valid) listing the original envelope recipients.
 * The visible {@code To}/{@code Cc} headers are left as they are: the tester sees the mail as the
 * customer would have.
 *
 * <p>Patterns: {@code user@example.com} (that address), {@code example.com}, {@code @example.com}
 * or {@code *@example.com} (anyone at that domain, not its subdomains); case is ignored.
 */
public final class RecipientPolicy {
    /** The header a redirected message gains. */
    public static final String ORIGINAL_RECIPIENTS = "X-Mailroom-Original-Recipients";
    private static final Logger LOG = Logger.getLogger(RecipientPolicy.class.getName());

    private final Set<String> addresses = new LinkedHashSet<>();
    private final Set<String> domains = new LinkedHashSet<>();
    private final boolean redirectsEveryone;
    private final String redirectTo;

    private RecipientPolicy(boolean redirectsEveryone, String redirectTo) {
        this.redirectsEveryone = redirectsEveryone;
        this.redirectTo = redirectTo;
    }

    /**
     * @param allowList comma-separated patterns; blank means no allow-list
     * @param redirectTo one address, or blank
     * @return the policy, or {@code null} when neither is set (every recipient goes through)
     * @throws IllegalArgumentException naming the setting at fault
     */
    public static RecipientPolicy of(String allowList, String redirectTo) {
        boolean hasList = allowList != null && !allowList.isBlank();
        String redirect = redirectTo == null || redirectTo.isBlank() ? null : checkedAddress(redirectTo.strip());
        if (!hasList && redirect == null) {
            return null;
        }
        RecipientPolicy policy = new RecipientPolicy(!hasList, redirect);
        if (hasList) {
            for (String raw : allowList.split(",")) {
                policy.add(raw.strip().toLowerCase(Locale.ROOT));
            }
        }
        return policy;
    }

    private static String checkedAddress(String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (address.getAddress().indexOf('@') < 1) {
                throw new IllegalArgumentException(MethodMessages.badRedirect(value));
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(MethodMessages.badRedirect(value), e);
        }
    }

    private void add(String pattern) {
        String domain = pattern.startsWith("*@") ? pattern.substring(2)
                : pattern.startsWith("@") ? pattern.substring(1)
                : pattern.contains("@") ? null : pattern;
        String checked = domain == null ? pattern : domain;
        if (checked.isEmpty() || checked.contains("*") || checked.contains(" ") || checked.indexOf('@') == 0
                || checked.indexOf('@') == checked.length() - 1 || checked.indexOf('@') != checked.lastIndexOf('@')
                || (domain != null && !domain.contains("."))) {
            throw new IllegalArgumentException(MethodMessages.badPattern(pattern));
        }
        (domain == null ? addresses : domains).add(checked);
    }

    /** @return whether the recipient may receive mail */
    public boolean allows(String recipient) {
        if (redirectsEveryone) {
            return false;
        }
        String lower = recipient.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return addresses.contains(lower) || (at >= 0 && domains.contains(lower.substring(at + 1)));
    }

    /**
     * @param message the message as composed
     * @return the message to send or queue (the same one when every recipient is allowed), or
     *         {@code null} when no recipient is left
     */
    public OutboxMessage apply(OutboxMessage message) {
        List<String> kept = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String recipient : message.recipients()) {
            (allows(recipient) ? kept : refused).add(recipient);
        }
        if (refused.isEmpty()) {
            return message;
        }
        if (redirectTo == null) {
            LOG.warning(MethodMessages.dropped(message.messageId(), refused));
            return kept.isEmpty() ? null : message.withRecipients(kept);
        }
        LOG.info(MethodMessages.redirected(message.messageId(), refused, redirectTo));
        Set<String> envelope = new LinkedHashSet<>(kept);
        envelope.add(redirectTo);
        return new OutboxMessage(message.mailFrom(), List.copyOf(envelope), message.messageId(),
                withOriginalRecipients(message));
    }

    /**
     * @return the recipients {@link #apply} drops, each with the reason, for a receipt; empty with
     *         {@code redirectTo}, where nobody is dropped
     */
    public List<String> refusals(OutboxMessage message) {
        if (redirectTo != null) {
            return List.of();
        }
        return message.recipients().stream().filter(r -> !allows(r)).map(MethodMessages::notAllowed).toList();
    }

    /**
     * One header line, folded after each address so no line passes RFC 5322's 998 characters, in
     * front of the message: in memory for a message in memory, else read through when streamed.
     */
    private static MessageBody withOriginalRecipients(OutboxMessage message) {
        byte[] header = (ORIGINAL_RECIPIENTS + ": " + String.join(",\r\n ", message.recipients()) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        MessageBody body = message.body();
        if (body.inMemory()) {
            byte[] mime = body.bytes();
            byte[] combined = new byte[header.length + mime.length];
            System.arraycopy(header, 0, combined, 0, header.length);
            System.arraycopy(mime, 0, combined, header.length, mime.length);
            return MessageBody.of(combined);
        }
        return new Prefixed(header, body);
    }

    /** A header line read in front of a body that stays where it is; releasing releases the body. */
    private record Prefixed(byte[] header, MessageBody rest) implements MessageBody {
        @Override
        public long size() {
            return header.length + rest.size();
        }

        @Override
        public InputStream open() throws IOException {
            return new SequenceInputStream(new ByteArrayInputStream(header), rest.open());
        }

        @Override
        public void release() {
            rest.release();
        }
    }

    @Override
    public String toString() {
        return "RecipientPolicy[addresses=" + addresses + ", domains=" + domains + ", redirectTo=" + redirectTo + "]";
    }
}
