package io.mailroom.benchmarks.scenario;

import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Forwarding a large pre-composed message: an EML file of the workload's body size, generated
 * once, streamed from disk through {@code MailConnection.sendRaw(InputStream, Envelope)} on one
 * pooled connection. The interesting numbers are MB/s and how much the heap grows.
 */
public final class StreamingForwardScenario implements Scenario {
    private static final int LINE_BYTES = 78;

    private final LoadSettings settings;

    /** @param settings the sink and where the EML file goes */
    public StreamingForwardScenario(LoadSettings settings) {
        this.settings = settings;
    }

    @Override
    public String title() {
        return "MailConnection.sendRaw(InputStream) of an EML file";
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        Path eml = settings.workDir().root().resolve("forward-" + workload.bodyBytes() + ".eml");
        if (!Files.exists(eml) || Files.size(eml) < workload.bodyBytes()) {
            write(eml, workload.bodyBytes());
        }
        MailroomClient client = MailroomClient.start(settings, 1, 1);
        Envelope envelope = Envelope.of(Payload.FROM, Payload.recipient(0));
        return client.trial(() -> {
            for (int i = 0; i < workload.count(); i++) {
                try (MailConnection connection = client.factory().getConnection();
                     InputStream in = new BufferedInputStream(Files.newInputStream(eml), 64 * 1024)) {
                    connection.sendRaw(in, envelope);
                }
            }
        });
    }

    /** Headers, then ASCII lines of 76 characters plus CRLF up to the size. */
    private static void write(Path eml, long bodyBytes) throws IOException {
        String line = "y".repeat(LINE_BYTES - 2) + "\r\n";
        try (BufferedWriter out = Files.newBufferedWriter(eml, StandardCharsets.US_ASCII)) {
            out.write(Payload.headers(0));
            for (long written = 0; written < bodyBytes; written += LINE_BYTES) {
                out.write(line);
            }
        }
    }
}
