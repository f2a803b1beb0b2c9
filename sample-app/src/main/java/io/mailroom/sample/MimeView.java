package io.mailroom.sample;

import jakarta.mail.Address;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a received message into what the page shows: text, HTML, attachment names, MIME source.
 * Parts are decoded from their streams rather than with {@code getContent()}, which would need
 * Activation's content handlers from the application's class loader.
 */
final class MimeView {
    private String text;
    private String html;
    private final List<String> attachments = new ArrayList<>();

    private MimeView() {
    }

    static InboxMessage of(MimeMessage m) throws Exception {
        MimeView view = new MimeView();
        view.walk(m);
        ByteArrayOutputStream source = new ByteArrayOutputStream();
        m.writeTo(source);
        List<String> to = m.getAllRecipients() == null ? List.of()
                : Arrays.stream(m.getAllRecipients()).map(Address::toString).toList();
        String from = m.getFrom() == null ? ""
                : Arrays.stream(m.getFrom()).map(Address::toString).collect(Collectors.joining(", "));
        return new InboxMessage(m.getMessageID(), from, to, m.getSubject(),
                m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant().toString(),
                view.text, view.html, view.attachments, source.toString(StandardCharsets.UTF_8));
    }

    private void walk(MimePart part) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            attachments.add(part.getFileName());
        } else if (part.isMimeType("text/plain") && text == null) {
            text = decode(part);
        } else if (part.isMimeType("text/html") && html == null) {
            html = decode(part);
        } else if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
            for (int i = 0; i < multipart.getCount(); i++) {
                walk((MimePart) multipart.getBodyPart(i));
            }
        }
    }

    private static String decode(MimePart part) throws Exception {
        String charset = new ContentType(part.getContentType()).getParameter("charset");
        byte[] bytes = part.getInputStream().readAllBytes();
        return new String(bytes, charset == null ? StandardCharsets.US_ASCII : Charset.forName(charset));
    }
}
