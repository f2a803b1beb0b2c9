package io.mailroom.testsupport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells the server every piece of bytes one read from a client socket returned (see {@link ScriptedSmtpServer#reads()}). */
final class RecordingInputStream extends FilterInputStream {
    private final ScriptedSmtpServer server;

    RecordingInputStream(InputStream in, ScriptedSmtpServer server) {
        super(in);
        this.server = server;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            server.recordRead(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            server.recordRead(b, off, n);
        }
        return n;
    }
}
