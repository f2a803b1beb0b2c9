package io.mailroom.api;

import io.mailroom.api.calendar.Invitation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An e-mail message, built with {@link #builder()} and immutable once built.
 *
 * <p>The body is plain text, HTML, or both (sent as {@code multipart/alternative} so each client
 * shows the best it can). Attachments and inline images are added with {@link
 * Builder#attach(Attachment)}. Header values are checked as they are set: a value containing CR,
 * LF, NUL or another control character (TAB excepted) is refused with an {@link
 * InvalidEmailException} that names the field, so no caller input can add a header line; any
 * other Unicode text is encoded by the adapter (RFC 2047, RFC 2231). Each address string is one
 * address ({@code "Jürgen Müller <j.mueller@example.de>"}): a list or a group in one string is
 * refused. Address syntax, and whether a non-ASCII address can go to the server (SMTPUTF8), are
 * checked by the adapter when the message is sent or enqueued, before anything is sent or stored.
 */
public final class Email {
    private final String from;
    private final List<String> to;
    private final List<String> cc;
    private final List<String> bcc;
    private final List<String> replyTo;
    private final String subject;
    private final String text;
    private final String html;
    private final List<Attachment> attachments;
    private final Map<String, String> headers;
    private final Priority priority;
    private final boolean signed;
    private final boolean encrypted;
    private final List<RecipientCertificate> recipientCertificates;
    private final boolean tnef;
    private final Invitation invitation;

    private Email(Builder b) {
        this.from = b.from;
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.replyTo = List.copyOf(b.replyTo);
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.attachments = List.copyOf(b.attachments);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.priority = b.priority;
        this.signed = b.signed;
        this.encrypted = b.encrypted;
        this.recipientCertificates = List.copyOf(b.recipientCertificates);
        this.tnef = b.tnef;
        this.invitation = b.invitation;
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the {@code From} address, or {@code null} for the connection factory's default */
    public String from() {
        return from;
    }

    /** @return the {@code To} addresses */
    public List<String> to() {
        return to;
    }

    /** @return the {@code Cc} addresses */
    public List<String> cc() {
        return cc;
    }

    /** @return the blind-copy addresses: envelope recipients that appear in no header */
    public List<String> bcc() {
        return bcc;
    }

    /** @return the {@code Reply-To} addresses */
    public List<String> replyTo() {
        return replyTo;
    }

    /** @return the subject, or {@code null} */
    public String subject() {
        return subject;
    }

    /** @return the plain-text body, or {@code null} */
    public String text() {
        return text;
    }

    /** @return the HTML body, or {@code null} */
    public String html() {
        return html;
    }

    /** @return attachments and inline parts, in the order they were added */
    public List<Attachment> attachments() {
        return attachments;
    }

    /** @return custom headers, in the order they were added */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the priority; {@link Priority#NORMAL} writes no priority header */
    public Priority priority() {
        return priority;
    }

    /** @return {@code true} if the message is S/MIME signed with the connection factory's key */
    public boolean signed() {
        return signed;
    }

    /** @return {@code true} if the message is S/MIME encrypted to every recipient */
    public boolean encrypted() {
        return encrypted;
    }

    /** @return the recipients' certificates given with the message, for encryption */
    public List<RecipientCertificate> recipientCertificates() {
        return recipientCertificates;
    }

    /** @return {@code true} if the message is sent as TNEF ({@code winmail.dat}) for Outlook */
    public boolean tnef() {
        return tnef;
    }

    /** @return the meeting request this message carries, or {@code null} */
    public Invitation invitation() {
        return invitation;
    }

    /** @return every envelope recipient: To, then Cc, then Bcc */
    public List<String> allRecipients() {
        List<String> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    /** Shows the addresses and subject, never the body or attachment content. */
    @Override
    public String toString() {
        return "Email[from=" + from + ", to=" + to + ", cc=" + cc + ", bcc=" + bcc.size()
                + " address(es), subject=" + subject + ", attachments=" + attachments.size()
                + (signed ? ", signed" : "") + (encrypted ? ", encrypted" : "") + "]";
    }

    /** Builds an {@link Email}. Not thread-safe. */
    public static final class Builder {
        private String from;
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> bcc = new ArrayList<>();
        private final List<String> replyTo = new ArrayList<>();
        private String subject;
        private String text;
        private String html;
        private final List<Attachment> attachments = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Priority priority = Priority.NORMAL;
        private boolean signed;
        private boolean encrypted;
        private final List<RecipientCertificate> recipientCertificates = new ArrayList<>();
        private boolean tnef;
        private Invitation invitation;

        private Builder() {
        }

        /**
         * @param address the {@code From} address, for example {@code "Shop <shop@example.com>"}
         * @return this builder
         */
        public Builder from(String address) {
            this.from = HeaderValues.requireText("from", address);
            return this;
        }

        /**
         * @param addresses one or more {@code To} addresses
         * @return this builder
         */
        public Builder to(String... addresses) {
            return addAll("to", to, addresses);
        }

        /**
         * @param addresses one or more {@code Cc} addresses
         * @return this builder
         */
        public Builder cc(String... addresses) {
            return addAll("cc", cc, addresses);
        }

        /**
         * @param addresses one or more blind-copy addresses
         * @return this builder
         */
        public Builder bcc(String... addresses) {
            return addAll("bcc", bcc, addresses);
        }

        /**
         * @param addresses one or more {@code Reply-To} addresses
         * @return this builder
         */
        public Builder replyTo(String... addresses) {
            return addAll("replyTo", replyTo, addresses);
        }

        /**
         * @param subject the subject; any Unicode text on one line
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = HeaderValues.requireSingleLine("subject", subject);
            return this;
        }

        /**
         * @param text the plain-text body
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param html the HTML body; with {@link #text(String)} as well, both are sent as alternatives
         * @return this builder
         */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        /**
         * @param attachment an attachment or inline part
         * @return this builder
         */
        public Builder attach(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * Adds a custom header. Headers that Mailroom writes itself (From, To, Cc, Subject, Date,
         * Message-ID, MIME-Version, Content-*) cannot be set here.
         *
         * @param name the header name, printable ASCII without a colon, for example {@code X-Order-Id}
         * @param value the value, on one line
         * @return this builder
         */
        public Builder header(String name, String value) {
            String field = "header:" + name;
            HeaderValues.requireText(field, name);
            if (!isHeaderName(name)) {
                throw new InvalidEmailException(field,
                        ApiMessages.badHeaderName(name));
            }
            if (isReserved(name)) {
                throw new InvalidEmailException(field,
                        ApiMessages.reservedHeader(name));
            }
            headers.put(name, HeaderValues.requireSingleLine(field, Objects.requireNonNull(value, field)));
            return this;
        }

        /**
         * @param priority the priority; {@link Priority#NORMAL} by default
         * @return this builder
         */
        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        /**
         * Signs the message with S/MIME ({@code multipart/signed}, detached), with the key and
         * certificate chain of the connection factory's {@code smimeKeyStore}. With {@link
         * #encrypt(RecipientCertificate...)} as well, the message is signed, then encrypted.
         *
         * @return this builder
         */
        public Builder sign() {
            this.signed = true;
            return this;
        }

        /**
         * Encrypts the message with S/MIME to every recipient (To, Cc and Bcc). A recipient's
         * certificate is taken from {@code certificates}, else from the connection factory's
         * {@link RecipientCertificateProvider}; if one is missing the send fails, naming the
         * recipient, and nothing is sent or queued.
         *
         * @param certificates recipients' certificates; none to take them all from the provider
         * @return this builder
         */
        public Builder encrypt(RecipientCertificate... certificates) {
            for (RecipientCertificate c : certificates) {
                recipientCertificates.add(Objects.requireNonNull(c, "certificate"));
            }
            this.encrypted = true;
            return this;
        }

        /**
         * Sends the message the way Exchange does for Outlook recipients: a {@code text/plain} part
         * for other clients and an {@code application/ms-tnef} part ({@code winmail.dat}) that
         * carries the text and HTML body, the subject, the priority and every attachment with its
         * Unicode file name. Off by default.
         *
         * @param tnef {@code true} to send as TNEF
         * @return this builder
         */
        public Builder tnef(boolean tnef) {
            this.tnef = tnef;
            return this;
        }

        /**
         * Makes the message a meeting request, update, cancellation or announcement: the text
         * and HTML bodies are sent with a {@code text/calendar} alternative and an {@code
         * invite.ics} attachment, which calendar clients show as an invitation.
         *
         * @param invitation the event
         * @return this builder
         */
        public Builder invitation(Invitation invitation) {
            this.invitation = Objects.requireNonNull(invitation, "invitation");
            return this;
        }

        /**
         * @return the message
         * @throws InvalidEmailException if there is no recipient, an inline part's Content-ID repeats, or a meeting request is to be sent as TNEF
         */
        public Email build() {
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                throw new InvalidEmailException("to", ApiMessages.noRecipient("message (to, cc and bcc are empty)"));
            }
            long inline = attachments.stream().filter(Attachment::isInline).count();
            long distinct = attachments.stream().filter(Attachment::isInline).map(Attachment::contentId).distinct().count();
            if (inline != distinct) {
                throw new InvalidEmailException("attachments", ApiMessages.duplicateContentId());
            }
            if (tnef && invitation != null) {
                throw new InvalidEmailException("invitation", ApiMessages.invitationAsTnef());
            }
            return new Email(this);
        }

        private Builder addAll(String field, List<String> list, String... addresses) {
            for (String a : addresses) {
                list.add(HeaderValues.requireText(field, a));
            }
            return this;
        }

        private static boolean isHeaderName(String name) {
            return name.chars().allMatch(c -> c > 32 && c < 127 && c != ':');
        }

        private static boolean isReserved(String name) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            return n.equals("from") || n.equals("to") || n.equals("cc") || n.equals("bcc") || n.equals("subject")
                    || n.equals("date") || n.equals("message-id") || n.equals("mime-version") || n.startsWith("content-");
        }
    }
}
