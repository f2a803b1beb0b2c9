package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.wire.EnvelopeAddress;
import io.mailroom.api.InvalidEmailException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any string given as an address is refused at the call naming its field, or becomes exactly one
 * address whose MAIL FROM / RCPT TO bytes are one command line: no CR, LF, NUL or other control
 * byte, ASCII unless the transaction uses SMTPUTF8, then UTF-8 that decodes back to the address.
 * In-process (the one class that makes those bytes); the wire is {@link WireSafetyProperties}.
 */
class EnvelopeAddressProperties {

    @Provide
    Arbitrary<AddressShapes> wellFormed() {
        return AddressShapes.wellFormed();
    }

    @Provide
    Arbitrary<AddressShapes> malformed() {
        return AddressShapes.malformed();
    }

    @Property(tries = 3000)
    void aWellFormedAddressWithHostilePartsIsExactlyItselfOrRefused(@ForAll("wellFormed") AddressShapes a)
            throws MessagingException {
        Outcomes.requireMostlySent();
        InternetAddress parsed;
        try {
            parsed = EnvelopeAddress.parse("to", a.text());
        } catch (InvalidEmailException e) {
            assertEquals("to", e.field());
            assertTrue(a.refused() || a.mayBeRefused(), () -> HostileText.visible("refused: " + a + ": " + e.getMessage()));
            Outcomes.count("refused");
            return;
        }
        assertTrue(!a.refused(), () -> HostileText.visible("accepted: " + a));
        assertEquals(a.spec(), parsed.getAddress());
        assertEquals(a.name(), parsed.getPersonal() == null ? "" : parsed.getPersonal());
        checkCommand(a.spec());
        Outcomes.count("sent");
    }

    @Property(tries = 3000)
    void aListAGroupOrHostileTextIsOneAddressOrRefused(@ForAll("malformed") AddressShapes a) throws MessagingException {
        InternetAddress parsed;
        try {
            parsed = EnvelopeAddress.parse("cc", a.text());
        } catch (InvalidEmailException e) {
            assertEquals("cc", e.field());
            return;
        }
        assertTrue(!a.refused(), () -> HostileText.visible("a list or group accepted: " + a.text()));
        assertTrue(!HostileText.addressRefused(a.text()), () -> HostileText.visible("a control accepted: " + a.text()));
        checkCommand(parsed.getAddress());
    }

    private static void checkCommand(String spec) throws MessagingException {
        if (HostileText.isAscii(spec)) {
            assertArrayEquals(("RCPT TO:<" + spec + ">").getBytes(StandardCharsets.US_ASCII), EnvelopeAddress.rcptTo(spec, false));
        } else {
            assertThrows(MessagingException.class, () -> EnvelopeAddress.rcptTo(spec, false));
        }
        byte[] utf8 = EnvelopeAddress.mailFrom(spec, true);
        for (byte b : utf8) {
            assertTrue((b & 0xff) >= 0x20 && b != 0x7f, "a control byte in " + HostileText.visible(spec));
        }
        assertEquals("MAIL FROM:<" + spec + "> SMTPUTF8", new String(utf8, StandardCharsets.UTF_8));
    }
}
