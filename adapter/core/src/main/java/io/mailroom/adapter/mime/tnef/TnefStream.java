package io.mailroom.adapter.mime.tnef;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The framing of a TNEF stream (MS-OXTNEF 2.1.3.1): the signature, the legacy key, and
 * attributes of the form {@code level, id, length, data, checksum}. All integers little-endian.
 * The checksum of an attribute is the sum of its data bytes modulo 65536.
 */
final class TnefStream {
    static final int SIGNATURE = 0x223E9F78;
    static final int LEVEL_MESSAGE = 0x01;
    static final int LEVEL_ATTACHMENT = 0x02;
    /** 8-bit strings (atpString) are in the OEM code page the stream declares: Windows-1252. */
    static final Charset OEM = Charset.forName("windows-1252");
    static final int OEM_CODEPAGE = 1252;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);

    TnefStream(int legacyKey) {
        writeInt(out, SIGNATURE);
        writeShort(out, legacyKey);
    }

    void attribute(int level, int id, byte[] data) {
        out.write(level);
        writeInt(out, id);
        writeInt(out, data.length);
        out.write(data, 0, data.length);
        int checksum = 0;
        for (byte b : data) {
            checksum += b & 0xFF;
        }
        writeShort(out, checksum & 0xFFFF);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** atpString: 8-bit text in the OEM code page, NUL-terminated; characters it lacks become '?'. */
    static byte[] oemString(String value) {
        byte[] text = value.getBytes(OEM);
        byte[] data = new byte[text.length + 1];
        System.arraycopy(text, 0, data, 0, text.length);
        return data;
    }

    /** atpDate: year, month, day, hour, minute, second, day of week (0 = Sunday), each 16 bits; in UTC. */
    static byte[] date(ZonedDateTime time) {
        ZonedDateTime utc = time.withZoneSameInstant(ZoneOffset.UTC);
        ByteArrayOutputStream data = new ByteArrayOutputStream(14);
        writeShort(data, utc.getYear());
        writeShort(data, utc.getMonthValue());
        writeShort(data, utc.getDayOfMonth());
        writeShort(data, utc.getHour());
        writeShort(data, utc.getMinute());
        writeShort(data, utc.getSecond());
        writeShort(data, utc.getDayOfWeek().getValue() % 7);
        return data.toByteArray();
    }

    static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    static void writeInt(ByteArrayOutputStream out, int value) {
        writeShort(out, value & 0xFFFF);
        writeShort(out, value >>> 16);
    }

    static void writeLong(ByteArrayOutputStream out, long value) {
        writeInt(out, (int) value);
        writeInt(out, (int) (value >>> 32));
    }
}
