package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailConnection;
import io.mailroom.testsupport.ScriptedSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input through the public API onto the wire of a recording SMTP server on loopback, one
 * reused connection per server (no TCP set-up per case): the composed path, the raw path (byte
 * array and stream, LF/CR/CRLF line ends, lines starting with a dot) and the outbox. Each case is
 * refused at the call naming a field that deserved it, with no MAIL, RCPT or DATA sent, or the
 * server received exactly the intended MAIL FROM and RCPT TO commands (SMTPUTF8 only when a
 * non-ASCII address needs it and the server offers it), no header that was not set, CRLF-only
 * lines of at most 998 octets, and values that Angus Mail reads back as the input.
 */
class WireSafetyProperties {
    private static ScriptedSmtpServer plain;
    private static ScriptedSmtpServer utf8;
    private static ScriptedSmtpServer outbox;
    private static ScriptedSmtpServer outboxUtf8;
    private static TestMailroom toPlain;
    private static TestMailroom toUtf8;
    private static TestMailroom toOutbox;
    private static TestMailroom toOutboxUtf8;

    @BeforeContainer
    static void start() throws Exception {
        plain = ScriptedSmtpServer.start();
        utf8 = ScriptedSmtpServer.start().offerSmtpUtf8();
        outbox = ScriptedSmtpServer.start();
        outboxUtf8 = ScriptedSmtpServer.start().offerSmtpUtf8();
        toPlain = TestMailroom.on(plain.port());
        toUtf8 = TestMailroom.on(utf8.port());
        toOutbox = TestMailroom.on(outbox.port());
        toOutboxUtf8 = TestMailroom.on(outboxUtf8.port());
    }

    @AfterContainer
    static void stop() {
        Stream.of(toPlain, toUtf8, toOutbox, toOutboxUtf8).forEach(TestMailroom::close);
        Stream.of(plain, utf8, outbox, outboxUtf8).forEach(ScriptedSmtpServer::close);
    }

    @Provide
    Arbitrary<AddressShapes> address() {
        return AddressShapes.wellFormed();
    }

    @Provide
    Arbitrary<List<AddressShapes>> some() {
        return AddressShapes.wellFormed().list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<AddressShapes>> few() {
        return AddressShapes.wellFormed().list().ofMaxSize(2);
    }

    /** Hostile text, seven in eight cases without what must be refused, so most cases are sent. */
    @Provide
    Arbitrary<String> text() {
        return HostileText.mostlySendableText();
    }

    @Provide
    Arbitrary<String> rawBody() {
        Arbitrary<String> line = Arbitraries.oneOf(Arbitraries.of(".", "..", ".x", "", "From me", " .", "a.b"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80));
        Arbitrary<String> end = Arbitraries.of("\n", "\r\n", "\r");
        return net.jqwik.api.Combinators.combine(line, end).as(String::concat).list().ofMaxSize(12)
                .map(lines -> String.join("", lines));
    }

    @Property(tries = 400)
    void aComposedMessageCarriesExactlyTheIntendedCommandsAndHeaders(@ForAll("address") AddressShapes from,
            @ForAll("some") List<AddressShapes> to, @ForAll("few") List<AddressShapes> cc, @ForAll("few") List<AddressShapes> bcc,
            @ForAll("text") String subject, @ForAll("text") String value, @ForAll boolean smtpUtf8) throws Exception {
        Outcomes.requireMostlySent();
        ScriptedSmtpServer server = smtpUtf8 ? utf8 : plain;
        Expectation expected = new Expectation(smtpUtf8).field("from", List.of(from)).field("to", to).field("cc", cc)
                .field("bcc", bcc).text("subject", subject).text("header:X-Hostile", value);
        int before = server.commands().size();
        try {
            (smtpUtf8 ? toUtf8 : toPlain).send(Email.builder().from(from.text()).to(texts(to)).cc(texts(cc)).bcc(texts(bcc))
                    .subject(subject).header("X-Hostile", value).text("body").build());
        } catch (InvalidEmailException e) {
            expected.checkRefusal(e, server, before);
            Outcomes.count("refused: " + e.getMessage().substring(0, 13) + " " + e.field());
            return;
        }
        expected.checkSent(server, before, from, to, cc, bcc);
        byte[] data = last(server);
        HeaderEncodingProperties.checkLines(data);
        String all = new String(data, StandardCharsets.ISO_8859_1);
        Set<String> headers = new HashSet<>(Set.of("Date", "From", "To", "Message-ID", "Subject", "X-Hostile", "MIME-Version",
                "Content-Type", "Content-Transfer-Encoding"));
        if (!cc.isEmpty()) {
            headers.add("Cc");
        }
        assertEquals(headers, HeaderEncodingProperties.headerNames(all.substring(0, all.indexOf("\r\n\r\n"))));
        MimeMessage m = parse(data);
        assertEquals(from.name(), personal(m.getFrom()[0]));
        if (to.stream().noneMatch(AddressShapes::mayBeRefused)) {
            // Angus's parser mis-reads a quoted-pair backslash in a quoted local part (the same
            // bug that makes it refuse some): those headers are checked by the line rules only.
            assertEquals(specs(to), Arrays.stream(m.getRecipients(MimeMessage.RecipientType.TO))
                    .map(a -> ((InternetAddress) a).getAddress()).toList());
        }
        assertEquals(subject, m.getSubject() == null ? "" : m.getSubject());
        assertEquals(value, MimeUtility.decodeText(MimeUtility.unfold(m.getHeader("X-Hostile", null))));
        Outcomes.count("sent");
    }

    @Property(tries = 300)
    void aRawMessageKeepsItsEnvelopeAndGoesOutWithCrlfAndStuffedDots(@ForAll("address") AddressShapes mailFrom,
            @ForAll("some") List<AddressShapes> recipients, @ForAll("rawBody") String body, @ForAll boolean streamed,
            @ForAll boolean smtpUtf8) throws Exception {
        Outcomes.requireMostlySent();
        ScriptedSmtpServer server = smtpUtf8 ? utf8 : plain;
        Expectation expected = new Expectation(smtpUtf8).field("mailFrom", List.of(mailFrom)).field("recipients", recipients);
        byte[] raw = ("From: a@sender.test\nSubject: raw\r\n\n" + body).getBytes(StandardCharsets.US_ASCII);
        int before = server.commands().size();
        try (MailConnection mail = (smtpUtf8 ? toUtf8 : toPlain).connection()) {
            Envelope envelope = new Envelope(mailFrom.text(), List.of(texts(recipients)));
            if (streamed) {
                mail.sendRaw(new ByteArrayInputStream(raw), envelope);
            } else {
                mail.sendRaw(raw, envelope);
            }
        } catch (InvalidEmailException e) {
            expected.checkRefusal(e, server, before);
            Outcomes.count("refused: " + e.getMessage().substring(0, 13) + " " + e.field());
            return;
        }
        expected.checkSent(server, before, mailFrom, recipients, List.of(), List.of());
        String normal = new String(raw, StandardCharsets.US_ASCII).replaceAll("\r\n|\r|\n", "\r\n");
        assertEquals(normal.endsWith("\r\n") ? normal : normal + "\r\n", new String(last(server), StandardCharsets.US_ASCII));
        Outcomes.count("sent");
    }

    @Property(tries = 200)
    void anEnqueuedMessageIsRefusedBeforeItIsStoredOrDeliveredWithExactlyItsEnvelope(@ForAll("address") AddressShapes from,
            @ForAll("some") List<AddressShapes> to, @ForAll("few") List<AddressShapes> bcc, @ForAll("text") String subject,
            @ForAll boolean smtpUtf8) throws Exception {
        ScriptedSmtpServer outbox = smtpUtf8 ? outboxUtf8 : WireSafetyProperties.outbox;
        TestMailroom toOutbox = smtpUtf8 ? toOutboxUtf8 : WireSafetyProperties.toOutbox;
        Outcomes.requireMostlySent();
        Expectation expected = new Expectation(smtpUtf8).field("from", List.of(from)).field("to", to).field("bcc", bcc)
                .text("subject", subject);
        for (long end = System.nanoTime() + 10_000_000_000L; toOutbox.factory().outboxStatus().queued() > 0
                && System.nanoTime() < end; ) {
            Thread.sleep(2);
        }
        int before = outbox.commands().size();
        int delivered = outbox.messages().size();
        try {
            toOutbox.enqueue(Email.builder().from(from.text()).to(texts(to)).bcc(texts(bcc)).subject(subject).text("b").build());
        } catch (InvalidEmailException e) {
            assertEquals(0, toOutbox.factory().outboxStatus().queued());
            expected.checkRefusal(e, outbox, before);
            Outcomes.count("refused: " + e.getMessage().substring(0, 13) + " " + e.field());
            return;
        }
        for (long end = System.nanoTime() + 10_000_000_000L; outbox.messages().size() == delivered && System.nanoTime() < end; ) {
            Thread.sleep(2);
        }
        expected.checkSent(outbox, before, from, to, List.of(), bcc);
        Outcomes.count("sent");
    }

    private static String[] texts(List<AddressShapes> addresses) {
        return addresses.stream().map(AddressShapes::text).toArray(String[]::new);
    }

    private static List<String> specs(List<AddressShapes> addresses) {
        return addresses.stream().map(AddressShapes::spec).toList();
    }

    private static byte[] last(ScriptedSmtpServer server) {
        List<ScriptedSmtpServer.Message> messages = server.messages();
        return messages.get(messages.size() - 1).data();
    }

    private static String personal(Address address) {
        String personal = ((InternetAddress) address).getPersonal();
        return personal == null ? "" : personal;
    }

    private static MimeMessage parse(byte[] data) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        return new MimeMessage(Session.getInstance(p), new ByteArrayInputStream(data));
    }

    /** What one case must do: the fields that must (or may) be refused, and the commands otherwise. */
    private static final class Expectation {
        private final boolean smtpUtf8Offered;
        private final Set<String> mustRefuse = new LinkedHashSet<>();
        private final Set<String> mayRefuse = new LinkedHashSet<>();
        private boolean needsSmtpUtf8;

        Expectation(boolean smtpUtf8Offered) {
            this.smtpUtf8Offered = smtpUtf8Offered;
        }

        Expectation field(String name, List<AddressShapes> addresses) {
            for (AddressShapes a : addresses) {
                if (a.refused() || a.needsSmtpUtf8() && !smtpUtf8Offered) {
                    mustRefuse.add(name);
                } else if (a.mayBeRefused()) {
                    mayRefuse.add(name);
                }
                needsSmtpUtf8 |= a.needsSmtpUtf8();
            }
            return this;
        }

        Expectation text(String name, String value) {
            if (HostileText.textRefused(value)) {
                mustRefuse.add(name);
            }
            return this;
        }

        void checkRefusal(InvalidEmailException e, ScriptedSmtpServer server, int before) {
            assertTrue(mustRefuse.contains(e.field()) || mayRefuse.contains(e.field()),
                    () -> HostileText.visible("refused " + e.field() + ": " + e.getMessage() + "; expected " + mustRefuse + mayRefuse));
            assertEquals(List.of(), transaction(server, before), "nothing sent after a refusal");
        }

        void checkSent(ScriptedSmtpServer server, int before, AddressShapes from, List<AddressShapes> to,
                       List<AddressShapes> cc, List<AddressShapes> bcc) {
            assertTrue(mustRefuse.isEmpty(), () -> HostileText.visible("sent, but expected a refusal of " + mustRefuse));
            List<String> commands = new ArrayList<>();
            commands.add("MAIL FROM:<" + from.spec() + ">" + (needsSmtpUtf8 ? " SMTPUTF8" : ""));
            Stream.of(to, cc, bcc).flatMap(List::stream).forEach(a -> commands.add("RCPT TO:<" + a.spec() + ">"));
            commands.add("DATA");
            assertEquals(commands, transaction(server, before));
        }

        private static List<String> transaction(ScriptedSmtpServer server, int before) {
            List<String> all = server.commandsAsUtf8();
            List<String> since = all.subList(before, all.size());
            for (String c : since) {
                String verb = c.split(" ", 2)[0];
                assertTrue(Set.of("EHLO", "MAIL", "RCPT", "DATA", "NOOP", "RSET", "QUIT").contains(verb),
                        () -> "a command nobody sent on purpose: " + HostileText.visible(c));
            }
            return since.stream().filter(c -> c.startsWith("MAIL") || c.startsWith("RCPT") || c.startsWith("DATA")).toList();
        }
    }
}
