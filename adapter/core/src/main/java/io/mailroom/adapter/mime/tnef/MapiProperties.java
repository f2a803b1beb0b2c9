package io.mailroom.adapter.mime.tnef;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A list of MAPI properties as TNEF carries it in {@code attMsgProps} and {@code attAttachment}
 * (MS-OXTNEF 2.1.3.4): a count, then per property its type and id (16 bits each), then the
 * value. Fixed-size values are padded to 4 bytes; variable-size ones (strings, binary) have a
 * value count (always 1 here), a byte length and the bytes padded to 4. Only standard property
 * ids (below 0x8000) are written, so no named-property GUIDs are needed.
 */
final class MapiProperties {
    static final int PT_LONG = 0x0003;
    static final int PT_BOOLEAN = 0x000B;
    static final int PT_SYSTIME = 0x0040;
    static final int PT_UNICODE = 0x001F;
    static final int PT_BINARY = 0x0102;

    /** 100-ns intervals between 1601-01-01 (the FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private final ByteArrayOutputStream values = new ByteArrayOutputStream(1024);
    private int count;

    MapiProperties putLong(int id, int value) {
        tag(PT_LONG, id);
        TnefStream.writeInt(values, value);
        return this;
    }

    MapiProperties putBoolean(int id, boolean value) {
        tag(PT_BOOLEAN, id);
        TnefStream.writeInt(values, value ? 1 : 0);
        return this;
    }

    MapiProperties putTime(int id, Instant time) {
        tag(PT_SYSTIME, id);
        long hundredNanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 10_000_000L),
                time.getNano() / 100);
        TnefStream.writeLong(values, hundredNanos + FILETIME_UNIX_EPOCH);
        return this;
    }

    /** PT_UNICODE: UTF-16LE with a NUL terminator, which the length counts. */
    MapiProperties putUnicode(int id, String value) {
        if (value == null) {
            return this;
        }
        byte[] text = (value + '\0').getBytes(StandardCharsets.UTF_16LE);
        return variable(PT_UNICODE, id, text);
    }

    MapiProperties putBinary(int id, byte[] value) {
        return value == null ? this : variable(PT_BINARY, id, value);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.size() + 4);
        TnefStream.writeInt(out, count);
        byte[] body = values.toByteArray();
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    private MapiProperties variable(int type, int id, byte[] data) {
        tag(type, id);
        TnefStream.writeInt(values, 1);
        TnefStream.writeInt(values, data.length);
        values.write(data, 0, data.length);
        for (int pad = (4 - data.length % 4) % 4; pad > 0; pad--) {
            values.write(0);
        }
        return this;
    }

    private void tag(int type, int id) {
        TnefStream.writeShort(values, type);
        TnefStream.writeShort(values, id);
        count++;
    }
}
