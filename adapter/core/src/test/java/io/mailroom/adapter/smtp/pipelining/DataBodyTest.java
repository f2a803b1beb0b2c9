package io.mailroom.adapter.smtp.pipelining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DataBody} writes what Angus's own {@code SMTPOutputStream} and {@code finishData()} write
 * after {@code DATA}: the reference is Angus's stream, fed the same bytes.
 */
class DataBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a", "\r", "\n", "\r\n", "\n\r", "\r\r\n\n", ".\r\n", "a.b", "\n.", "\r.", "\r\n.",
        "\r\n..\r\n", "line one\r\n.dot\r\n..two\r\n.\r\n", "bare LF\nbare CR\r.x", "no break at the end", "ends in CR\r",
        "ends in LF\n", ".\n.\r.\r\n.", "Subject: x\r\n\r\n.one dot\r\n..two dots\r\n.\r\nbare LF next\nand a bare CR\rend . \r\n."})
    void writesWhatAngusWrites(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        byte[] angus = angus(bytes, new int[] {bytes.length});

        assertArrayEquals(angus, DataBody.withFinalDot(bytes, bytes.length),
                () -> "Angus: " + show(angus) + " ours: " + show(DataBody.withFinalDot(bytes, bytes.length)));
    }

    /** Messages of dots, CRs, LFs and letters, given to Angus in random pieces (its state crosses writes). */
    @Test
    void randomMessagesComeOutAsAngusWritesThem() throws IOException {
        Random random = new Random(20261201);
        byte[] alphabet = {'.', '\r', '\n', 'a', 'b'};
        for (int round = 0; round < 20_000; round++) {
            byte[] message = new byte[random.nextInt(40)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int[] pieces = pieces(random, message.length);
            byte[] held = Arrays.copyOf(message, message.length + random.nextInt(8)); // a held buffer has room to spare
            Arrays.fill(held, message.length, held.length, (byte) '.');

            byte[] ours = DataBody.withFinalDot(held, message.length);

            assertArrayEquals(angus(message, pieces), ours, "message " + show(message));
        }
    }

    /**
     * Lines of any length with breaks and dots at every offset within the eight-byte words the
     * break search reads at once, and bytes that differ from CR and LF by one bit (0x0C, 0x0E,
     * 0x8D, 0x8A) or are above 0x7F: the search must neither miss a break nor see one that is not there.
     * (No 0xFF: Angus keeps the last byte written as a signed {@code int}, so a 0xFF at the end of one
     * write is its "nothing written yet" -1 and a dot starting the next write is doubled mid-line.
     * UTF-8 never has a 0xFF byte; the 8-bit messages Mailroom writes are UTF-8.)
     */
    @Test
    void longLinesWithSparseBreaksComeOutAsAngusWritesThem() throws IOException {
        Random random = new Random(20261202);
        byte[] letters = {'a', 'z', ' ', 0x0C, 0x0E, 0x09, 0x0B, (byte) 0x8D, (byte) 0x8A, (byte) 0xFE, (byte) 0x80, 0x00, 0x2E};
        for (int round = 0; round < 5_000; round++) {
            byte[] message = new byte[random.nextInt(400)];
            for (int i = 0; i < message.length; i++) {
                int pick = random.nextInt(100);
                message[i] = pick < 3 ? (byte) '\r' : pick < 6 ? (byte) '\n' : pick < 8 ? (byte) '.' : letters[random.nextInt(letters.length)];
            }
            byte[] held = Arrays.copyOf(message, message.length + random.nextInt(16));
            Arrays.fill(held, message.length, held.length, (byte) '\n'); // breaks past the end must not count

            assertArrayEquals(angus(message, pieces(random, message.length)), DataBody.withFinalDot(held, message.length),
                    "message " + show(message));
        }
    }

    @Test
    void theBreakSearchFindsEachBreakAtEveryOffset() {
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at <= length; at++) {
                for (byte brk : new byte[] {'\r', '\n'}) {
                    byte[] message = new byte[length + 8];
                    Arrays.fill(message, (byte) 'x');
                    Arrays.fill(message, length, message.length, brk); // beyond the length: ignored
                    if (at < length) {
                        message[at] = brk;
                    }
                    for (int from = 0; from <= length; from++) {
                        int expected = at < length && at >= from ? at : length;
                        assertEquals(expected, DataBody.nextBreak(message, from, length),
                                "length " + length + ", break at " + at + ", from " + from);
                    }
                }
            }
        }
    }

    @Test
    void aLargeMessageIsOneArrayOfTheRightSize() throws IOException {
        byte[] message = ("." + "x".repeat(76) + "\n").repeat(20_000).getBytes(StandardCharsets.US_ASCII);

        byte[] ours = DataBody.withFinalDot(message, message.length);

        assertEquals(message.length + 20_000 * 2 + 1, ours.length); // a doubled dot and a CR per line, then the dot
        assertArrayEquals(angus(message, new int[] {message.length}), ours);
    }

    /** @return what Angus writes after DATA for {@code message} written in {@code pieces}, the final dot without its CRLF */
    private static byte[] angus(byte[] message, int[] pieces) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SMTPOutputStream data = new SMTPOutputStream(wire);
        int off = 0;
        for (int length : pieces) {
            if (length == 1) {
                data.write(message[off]); // the single-byte path too
            } else {
                data.write(message, off, length);
            }
            off += length;
        }
        data.ensureAtBOL(); // Angus's finishData(): then "." as a command
        wire.write('.');
        return wire.toByteArray();
    }

    private static int[] pieces(Random random, int length) {
        int[] pieces = new int[length + 1];
        int count = 0;
        int left = length;
        while (left > 0) {
            int piece = 1 + random.nextInt(left);
            pieces[count++] = piece;
            left -= piece;
        }
        return Arrays.copyOf(pieces, count);
    }

    private static String show(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).replace("\r", "<CR>").replace("\n", "<LF>");
    }
}
