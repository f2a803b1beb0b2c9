package io.mailroom.adapter.mime;

import jakarta.activation.CommandInfo;
import jakarta.activation.CommandMap;
import jakarta.activation.DataContentHandler;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.angus.mail.handlers.message_rfc822;
import org.eclipse.angus.mail.handlers.multipart_mixed;
import org.eclipse.angus.mail.handlers.text_xml;

/**
 * The content handlers Angus Mail needs to write text and multipart content, chosen in code.
 * Jakarta Activation's own {@code MailcapCommandMap} finds them through {@code META-INF/mailcap}
 * files and a service loader; inside a server the Activation API may be the server's while the
 * implementation is the adapter's ("MailcapRegistryProviderImpl not a subtype", "no object DCH
 * for MIME type multipart/alternative"). Every part Mailroom composes carries this map instead.
 * Hand-written because no library offers a command map free of that lookup.
 */
final class MailCommandMap extends CommandMap {
    private static final MailCommandMap INSTANCE = new MailCommandMap();
    private static final String[] MIME_TYPES = {"text/plain", "text/html", "text/calendar", "text/xml", "multipart/*", "message/rfc822"};

    private MailCommandMap() {
    }

    /** Gives the part, and every part inside it, these handlers. */
    static void applyTo(Part part) throws MessagingException {
        DataHandler handler = part.getDataHandler();
        handler.setCommandMap(INSTANCE);
        // Only a multipart's content is looked at: an attachment's would open its file.
        if (!baseType(handler.getContentType()).startsWith("multipart/")) {
            return;
        }
        Object content;
        try {
            content = handler.getContent();
        } catch (IOException e) {
            throw new MessagingException("content", e);
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                applyTo(child);
            }
        }
    }

    @Override
    public DataContentHandler createDataContentHandler(String mimeType) {
        String type = baseType(mimeType);
        if (type.startsWith("multipart/")) {
            return new multipart_mixed();
        }
        return switch (type) {
            case "text/plain", "text/html", "text/calendar" -> new BulkTextHandler();
            case "text/xml" -> new text_xml();
            case "message/rfc822" -> new message_rfc822();
            default -> null;
        };
    }

    @Override
    public CommandInfo[] getPreferredCommands(String mimeType) {
        return new CommandInfo[0];
    }

    @Override
    public CommandInfo[] getAllCommands(String mimeType) {
        return new CommandInfo[0];
    }

    @Override
    public CommandInfo getCommand(String mimeType, String cmdName) {
        return null;
    }

    @Override
    public String[] getMimeTypes() {
        return MIME_TYPES.clone();
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
