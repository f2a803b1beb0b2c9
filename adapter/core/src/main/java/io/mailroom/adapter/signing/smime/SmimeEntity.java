package io.mailroom.adapter.signing.smime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes the two MIME entities of S/MIME (RFC 8551 section 3) around Bouncy Castle's CMS output:
 * {@code multipart/signed} with a detached {@code application/pkcs7-signature}, and
 * {@code application/pkcs7-mime} holding enveloped data. Each entity is its Content-* fields, an
 * empty line and its body, with CRLF line ends.
 *
 * <p>Written by hand rather than with Bouncy Castle's {@code SMIME*Generator}s: those register
 * content handlers with Jakarta Activation's default command map when their classes load, which
 * fails inside Open Liberty when the server exports the Activation API and the adapter brings its
 * own implementation ("MailcapRegistryProviderImpl not a subtype"). The entity layout is the one
 * those generators write.
 */
final class SmimeEntity {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
    private static final SecureRandom RANDOM = new SecureRandom();

    private SmimeEntity() {
    }

    /**
     * @param content the signed entity, exactly as signed
     * @param signature the detached CMS SignedData over {@code content}
     * @return the {@code multipart/signed} entity
     */
    static byte[] signed(byte[] content, byte[] signature) {
        String boundary = boundary();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + signature.length * 4 / 3 + 1024);
        ascii(out, "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;\r\n"
                + "\tboundary=\"" + boundary + "\"\r\n\r\n"
                + "This is an S/MIME signed message\r\n"
                + "\r\n--" + boundary + "\r\n");
        out.write(content, 0, content.length);
        ascii(out, "\r\n--" + boundary + "\r\n"
                + "Content-Type: application/pkcs7-signature; name=smime.p7s; smime-type=signed-data\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
                + "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
        base64(out, signature);
        ascii(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /**
     * @param envelope the CMS EnvelopedData (or AuthEnvelopedData) of the content
     * @param authenticated whether it is AuthEnvelopedData (AES-GCM)
     * @return the {@code application/pkcs7-mime} entity
     */
    static byte[] enveloped(byte[] envelope, boolean authenticated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.length * 4 / 3 + 512);
        ascii(out, "Content-Type: application/pkcs7-mime; name=\"smime.p7m\"; smime-type="
                + (authenticated ? "authEnveloped-data" : "enveloped-data") + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
                + "Content-Description: S/MIME Encrypted Message\r\n\r\n");
        base64(out, envelope);
        ascii(out, "\r\n");
        return out.toByteArray();
    }

    private static String boundary() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "----=_mailroom_smime_" + HexFormat.of().formatHex(random);
    }

    private static void base64(ByteArrayOutputStream out, byte[] data) {
        byte[] encoded = BASE64.encode(data);
        out.write(encoded, 0, encoded.length);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
