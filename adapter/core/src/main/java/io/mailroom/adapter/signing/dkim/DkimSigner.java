package io.mailroom.adapter.signing.dkim;

import io.mailroom.adapter.mime.RawMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adds DKIM-Signature header fields (RFC 6376) to a finished message: rsa-sha256, and
 * ed25519-sha256 (RFC 8463: Ed25519 over the SHA-256 hash of the header data).
 *
 * <p>Written by hand: no maintained Java DKIM signer fits. Apache James jDKIM
 * ({@code org.apache.james.jdkim:apache-jdkim-library:0.3}, 2022, the only one on Maven Central
 * here) signs rsa-sha256 only, has no ed25519-sha256, and brings Apache Mime4j and dnsjava into
 * the adapter for what is ~200 lines here. Tests verify the output with dkimpy (Debian's
 * python3-dkim); OpenDKIM's opendkim-testmsg verifies only against live DNS, so it is not used.
 *
 * <p>The input must be the exact bytes that go on the wire, with CRLF line ends: the signature
 * covers them, so nothing may re-encode the message afterwards.
 */
public final class DkimSigner {
    private static final int LINE = 72;
    private final DkimSettings settings;
    private final Clock clock;

    public DkimSigner(DkimSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @return {@code true} if there is at least one key */
    public boolean isEnabled() {
        return !settings.keys().isEmpty();
    }

    /**
     * @param message the message, CRLF line ends
     * @param fromDomain the domain of its From address, which picks the keys
     * @return the message with one DKIM-Signature per key of the domain on top, or the message
     *         itself if the domain has no key
     */
    public byte[] sign(byte[] message, String fromDomain) {
        List<DkimKey> keys = settings.keysFor(fromDomain);
        if (keys.isEmpty()) {
            return message;
        }
        RawMessage block = RawMessage.parse(message);
        StringBuilder added = new StringBuilder();
        try {
            String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(settings.bodyCanonicalization().body(message, block.bodyOffset())));
            List<String> signed = signedNames(block);
            String headerData = headerData(block, signed);
            for (DkimKey key : keys) {
                added.append(signature(key, bodyHash, signed, headerData)).append("\r\n");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(DkimMessages.signingFailed(e.getMessage()), e);
        }
        byte[] header = added.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[header.length + message.length];
        System.arraycopy(header, 0, result, 0, header.length);
        System.arraycopy(message, 0, result, header.length, message.length);
        return result;
    }

    /** The h= list: each configured name once per occurrence, plus one more for oversigned names. */
    private List<String> signedNames(RawMessage block) {
        Map<String, Integer> present = new HashMap<>();
        for (String field : block.fields()) {
            present.merge(RawMessage.name(field).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<String> names = new ArrayList<>();
        for (String name : settings.headers()) {
            int count = present.getOrDefault(name, 0);
            if (settings.oversign() && DkimSettings.OVERSIGNED.contains(name)) {
                count++;
            }
            for (int i = 0; i < count; i++) {
                names.add(name);
            }
        }
        return names;
    }

    /** The canonical fields named in h=, a repeated name taking instances from the bottom up (5.4.2). */
    private String headerData(RawMessage block, List<String> names) {
        Map<String, Integer> used = new HashMap<>();
        StringBuilder data = new StringBuilder();
        for (String name : names) {
            int skip = used.merge(name, 1, Integer::sum) - 1;
            List<String> fields = block.fields();
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (RawMessage.name(fields.get(i)).equalsIgnoreCase(name) && skip-- == 0) {
                    data.append(settings.headerCanonicalization().header(fields.get(i)));
                    break;
                }
            }
            // A name with no instance left (oversigning) adds nothing: it signs the absence.
        }
        return data.toString();
    }

    private String signature(DkimKey key, String bodyHash, List<String> names, String headerData)
            throws GeneralSecurityException {
        String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm() + "; c=" + settings.headerCanonicalization().tag()
                + "/" + settings.bodyCanonicalization().tag() + "; d=" + key.domain() + "; s=" + key.selector()
                + ";\r\n\tt=" + clock.instant().getEpochSecond() + "; h=" + String.join(":", names)
                + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
        // The signature field itself is signed last, canonicalized, with b= empty and no final CRLF.
        String self = settings.headerCanonicalization().header(unsigned);
        byte[] data = (headerData + self.substring(0, self.length() - 2)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] b;
        if (key.algorithm().equals("rsa-sha256")) {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.key());
            rsa.update(data);
            b = rsa.sign();
        } else {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key.key());
            ed.update(MessageDigest.getInstance("SHA-256").digest(data));
            b = ed.sign();
        }
        return unsigned + fold(Base64.getEncoder().encodeToString(b));
    }

    private static String fold(String base64) {
        StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE * 4);
        for (int i = 0; i < base64.length(); i += LINE) {
            if (i > 0) {
                out.append("\r\n\t ");
            }
            out.append(base64, i, Math.min(base64.length(), i + LINE));
        }
        return out.toString();
    }
}
