package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message's bytes where they lie in a segment, read when a reader opens them, never loaded as
 * a whole. Valid while the segment is: an entry's segment stays while the entry is live (taken
 * entries are not relocated), so a delivery worker can stream the entry it holds.
 *
 * @param offset where the bytes start in the segment
 * @param length how many there are
 */
record SegmentBody(Segment segment, long offset, int length) implements MessageBody {
    @Override
    public long size() {
        return length;
    }

    @Override
    public InputStream open() throws IOException {
        return segment.inputStream(offset, length);
    }

    @Override
    public String toString() {
        return length + " bytes at " + offset + " of " + segment;
    }
}
