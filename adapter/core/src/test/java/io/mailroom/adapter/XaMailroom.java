package io.mailroom.adapter;

import io.mailroom.adapter.tx.XidCodec;
import io.mailroom.api.MailConnection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * One managed connection and its handle, enlisted by hand the way a server's transaction manager
 * does it, sending to an SMTP server on 127.0.0.1, with an outbox directory of its own.
 */
final class XaMailroom implements AutoCloseable {
    final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    final Path outbox;
    final SmtpManagedConnection managed;
    final MailConnection handle;

    /** @param settings changes to the test settings, made before the connection is created */
    XaMailroom(int port, Consumer<SmtpManagedConnectionFactory> settings) throws Exception {
        this(port, Files.createTempDirectory("mailroom-xa"), settings);
    }

    XaMailroom(int port, Path outbox, Consumer<SmtpManagedConnectionFactory> settings) throws Exception {
        this.outbox = outbox;
        adapter.start(null);
        SmtpManagedConnectionFactory factory = TestMailroom.settings(port);
        factory.setResourceAdapter(adapter);
        factory.setOutboxDirectory(outbox.toString());
        settings.accept(factory);
        managed = (SmtpManagedConnection) factory.createManagedConnection(null, null);
        handle = (MailConnection) managed.getConnection(null, null);
    }

    XAResource xa() {
        return managed.getXAResource();
    }

    /** @return an Xid as a transaction manager would make it, built by the adapter's own codec */
    static Xid xid(String name) {
        return XidCodec.decode("42:" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.US_ASCII)) + ":01");
    }

    @Override
    public void close() {
        managed.destroy();
        adapter.stop();
    }
}
