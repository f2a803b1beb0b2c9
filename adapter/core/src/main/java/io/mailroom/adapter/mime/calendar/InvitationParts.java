package io.mailroom.adapter.mime.calendar;

import io.mailroom.api.calendar.Invitation;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * The MIME parts of a meeting request. The composer puts {@link #calendarPart()} last inside the
 * {@code multipart/alternative} (after text and HTML) and {@link #icsAttachment()} into the
 * surrounding {@code multipart/mixed}:
 *
 * <pre>
 * multipart/mixed
 *   multipart/alternative
 *     text/plain
 *     text/html                                      (if the e-mail has HTML)
 *     text/calendar; method=REQUEST; charset=UTF-8   (Outlook, Gmail and Apple Mail read this one)
 *   application/ics; name=invite.ics                (for clients that only offer attachments)
 * </pre>
 *
 * The {@code method} parameter repeats the calendar's METHOD, as RFC 6047 requires.
 */
public final class InvitationParts {
    private static final String FILE_NAME = "invite.ics";

    private final Invitation invitation;
    private final String title;
    private final String calendar;

    private InvitationParts(Invitation invitation, String title, String calendar) {
        this.invitation = invitation;
        this.title = title;
        this.calendar = calendar;
    }

    /**
     * Writes the iCalendar object now, so a bad address or time zone fails before any MIME is built.
     *
     * @param invitation the event
     * @param subject the e-mail's subject, the event's title when the invitation has none
     * @return the parts
     * @throws io.mailroom.api.InvalidEmailException naming the field at fault
     */
    public static InvitationParts of(Invitation invitation, String subject) {
        String title = invitation.summary() != null ? invitation.summary() : subject;
        return new InvitationParts(invitation, title, ICalendarWriter.write(invitation, subject));
    }

    /** @return the iCalendar text */
    public String calendar() {
        return calendar;
    }

    /**
     * @return {@code text/calendar; method=...; charset=UTF-8}, for the alternative
     * @throws MessagingException if the part cannot be built
     */
    public MimeBodyPart calendarPart() throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(calendar, "text/calendar; method=" + invitation.method() + "; charset=UTF-8");
        part.setHeader("Content-Transfer-Encoding", transferEncoding());
        return part;
    }

    /**
     * @return the same calendar as an {@code invite.ics} attachment ({@code application/ics})
     * @throws MessagingException if the part cannot be built
     */
    public MimeBodyPart icsAttachment() throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        ByteArrayDataSource source = new ByteArrayDataSource(calendar.getBytes(StandardCharsets.UTF_8),
                "application/ics; name=" + FILE_NAME);
        part.setDataHandler(new DataHandler(source));
        part.setFileName(FILE_NAME);
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** @return a plain-text body (title, time, place) for an e-mail that has no text of its own */
    public String plainText() {
        StringBuilder text = new StringBuilder();
        if (title != null) {
            text.append(title).append("\r\n");
        }
        text.append(invitation.start().format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL)
                .withLocale(Locale.ENGLISH))).append("\r\n");
        if (invitation.location() != null) {
            text.append(invitation.location()).append("\r\n");
        }
        if (invitation.description() != null) {
            text.append("\r\n").append(invitation.description()).append("\r\n");
        }
        return text.toString();
    }

    /** ical4j folds lines at 73 characters, so ASCII needs no encoding; anything else is quoted-printable. */
    private String transferEncoding() {
        return calendar.chars().allMatch(c -> c < 128) ? "7bit" : "quoted-printable";
    }
}
