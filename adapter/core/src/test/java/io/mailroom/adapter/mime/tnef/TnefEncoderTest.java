package io.mailroom.adapter.mime.tnef;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.Priority;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.poi.hmef.HMEFMessage;
import org.apache.poi.hmef.attribute.MAPIAttribute;
import org.apache.poi.hmef.attribute.MAPIStringAttribute;
import org.apache.poi.hmef.attribute.TNEFProperty;
import org.apache.poi.hmef.attribute.TNEFStringAttribute;
import org.apache.poi.hsmf.datatypes.MAPIProperty;
import org.apache.poi.util.LittleEndian;
import org.bbottema.rtftohtml.impl.RTF2HTMLConverterRFCCompliant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stream the encoder writes is read back by two readers nobody here wrote: Apache POI's
 * HMEF and Debian's {@code tnef} (which also checks every checksum).
 */
class TnefEncoderTest {
    private static final Instant SENT = Instant.parse("2026-03-14T09:26:53Z");
    private static final String SUBJECT = "Quartalsbericht für März";
    private static final String TEXT = "Guten Tag,\r\nanbei der Bericht.\r\nGrüße";
    private static final String HTML = "<html><body><p>Guten Tag, anbei der <b>Bericht</b>. Grüße €</p></body></html>";
    private static final byte[] PDF = randomBytes(70_001);
    private static final byte[] NOTES = "eins\nzwei\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    static Email report() {
        return Email.builder().from("a@example.com").to("b@example.com").subject(SUBJECT)
                .text(TEXT).html(HTML).priority(Priority.HIGH).tnef(true)
                .attach(Attachment.fromBytes("Müller-Bericht.pdf", "application/pdf", PDF))
                .attach(Attachment.fromBytes("notes.txt", "text/plain", NOTES))
                .build();
    }

    @Test
    void poiReadsSubjectTextAndHtml() throws Exception {
        HMEFMessage tnef = poi(TnefEncoder.encode(report(), SENT));
        assertEquals(SUBJECT, tnef.getSubject());
        assertEquals(SUBJECT, string(tnef.getMessageMAPIAttribute(MAPIProperty.SUBJECT)));
        assertEquals(SUBJECT, TNEFStringAttribute.getAsString(tnef.getMessageAttribute(TNEFProperty.ID_SUBJECT)));
        assertEquals(TEXT, string(tnef.getMessageMAPIAttribute(MAPIProperty.BODY)));
        assertEquals(HTML, new String(tnef.getMessageMAPIAttribute(MAPIProperty.BODY_HTML).getData(), StandardCharsets.UTF_8));
        assertEquals(65001, LittleEndian.getInt(tnef.getMessageMAPIAttribute(MAPIProperty.INTERNET_CPID).getData()));
        assertEquals("IPM.Note\0", new String(tnef.getMessageAttribute(TNEFProperty.ID_MESSAGECLASS).getData(), StandardCharsets.US_ASCII));
    }

    @Test
    void poiReadsTheAttachmentsByteEqualWithTheirUnicodeNames() throws Exception {
        var attachments = poi(TnefEncoder.encode(report(), SENT)).getAttachments();
        assertEquals(2, attachments.size());
        assertEquals("Müller-Bericht.pdf", attachments.get(0).getLongFilename());
        assertEquals("Müller-Bericht.pdf", attachments.get(0).getFilename());
        assertEquals(".pdf", attachments.get(0).getExtension());
        assertArrayEquals(PDF, attachments.get(0).getContents());
        assertEquals("notes.txt", attachments.get(1).getLongFilename());
        assertArrayEquals(NOTES, attachments.get(1).getContents());
    }

    @Test
    void poiReadsTheSentDateAndTheImportance() throws Exception {
        HMEFMessage tnef = poi(TnefEncoder.encode(report(), SENT));
        MAPIAttribute submitted = tnef.getMessageMAPIAttribute(MAPIProperty.CLIENT_SUBMIT_TIME);
        assertEquals(SENT, ((org.apache.poi.hmef.attribute.MAPIDateAttribute) submitted).getDate().toInstant());
        assertEquals(SENT, org.apache.poi.hmef.attribute.TNEFDateAttribute.getAsDate(
                tnef.getMessageAttribute(TNEFProperty.ID_DATESENT)).toInstant());
        assertEquals(2, LittleEndian.getInt(tnef.getMessageMAPIAttribute(MAPIProperty.IMPORTANCE).getData()));
    }

    @Test
    void aSubjectOutsideWindows1252IsExactInTheUnicodeProperties() throws Exception {
        Email email = Email.builder().to("b@example.com").subject("Отчёт 東京").text("x").tnef(true).build();
        HMEFMessage tnef = poi(TnefEncoder.encode(email, SENT));
        assertEquals("Отчёт 東京", tnef.getSubject());
        assertEquals("Отчёт 東京", string(tnef.getMessageMAPIAttribute(MAPIProperty.SUBJECT)));
    }

    @Test
    void aTextOnlyMessageWithoutAttachmentsHasNoHtmlAndNoAttachments() throws Exception {
        Email email = Email.builder().to("b@example.com").subject("Plain").text("Just text").tnef(true).build();
        HMEFMessage tnef = poi(TnefEncoder.encode(email, SENT));
        assertEquals("Just text", string(tnef.getMessageMAPIAttribute(MAPIProperty.BODY)));
        assertNull(tnef.getMessageMAPIAttribute(MAPIProperty.BODY_HTML));
        assertEquals(List.of(), tnef.getAttachments());
    }

    @Test
    void anInlinePartKeepsItsContentId() throws Exception {
        Email email = Email.builder().to("b@example.com").html("<img src=\"cid:logo\">").tnef(true)
                .attach(Attachment.fromBytes("logo.png", "image/png", new byte[] {1, 2, 3}).inline("logo")).build();
        var attachment = poi(TnefEncoder.encode(email, SENT)).getAttachments().get(0);
        assertEquals("logo", string(attachment.getMAPIAttribute(MAPIProperty.ATTACH_CONTENT_ID)));
        assertEquals("image/png", string(attachment.getMAPIAttribute(MAPIProperty.ATTACH_MIME_TAG)));
    }

    @Test
    void theRtfBodyEncapsulatesTheHtmlAndDeEncapsulatesToItExactly() throws Exception {
        String rtf = poi(TnefEncoder.encode(report(), SENT)).getBody();
        assertTrue(rtf.startsWith("{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 "), rtf);
        assertEquals(HTML, RTF2HTMLConverterRFCCompliant.INSTANCE.rtf2html(rtf));
    }

    @Test
    void aTextOnlyMessageHasAPlainRtfBodyWithTheText() throws Exception {
        Email email = Email.builder().to("b@example.com").text("Zeile {1}\nZeile \\2").tnef(true).build();
        String rtf = poi(TnefEncoder.encode(email, SENT)).getBody();
        assertTrue(!rtf.contains("fromhtml") && rtf.endsWith("Zeile \\{1\\}\\par\nZeile \\\\2}"), rtf);
    }

    @Test
    void debianTnefExtractsTheAttachmentsByteEqualAndTheBodies() throws Exception {
        Map<String, byte[]> files = TnefCommand.extract(TnefEncoder.encode(report(), SENT), temp);
        assertArrayEquals(PDF, files.get("Müller-Bericht.pdf"), "files: " + files.keySet());
        assertArrayEquals(NOTES, files.get("notes.txt"), "files: " + files.keySet());
        assertNotNull(files.get("message.html"), "files: " + files.keySet());
        assertEquals(HTML, new String(files.get("message.html"), StandardCharsets.UTF_8));
        assertNotNull(files.get("message.txt"), "files: " + files.keySet());
        assertEquals(TEXT, new String(files.get("message.txt"), TnefStream.OEM));
        assertEquals(poi(TnefEncoder.encode(report(), SENT)).getBody(),
                new String(files.get("message.rtf"), StandardCharsets.US_ASCII), "tnef and POI read the same RTF");
    }

    static HMEFMessage poi(byte[] tnef) throws Exception {
        return new HMEFMessage(new ByteArrayInputStream(tnef));
    }

    private static String string(MAPIAttribute attribute) {
        assertNotNull(attribute);
        return MAPIStringAttribute.getAsString(attribute);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(14).nextBytes(bytes);
        return bytes;
    }
}
