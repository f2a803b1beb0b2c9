package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message's bytes where they lie in a segment, read when a reader opens them, never loaded as
 * a whole. Valid while the segment is: an entry's segment stays while the entry is live (taken
 * entries are not relocated), so a delivery worker can stream the entry it holds.
 */
final class SegmentBody implements MessageBody {
    private final Segment segment;
    private final long offset;
    private final int length;

    SegmentBody(Segment segment, long offset, int length) {
        this.segment = segment;
        this.offset = offset;
        this.length = length;
    }

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
