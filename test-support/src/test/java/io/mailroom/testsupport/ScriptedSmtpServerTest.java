package io.mailroom.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.testsupport.ScriptedSmtpServer.Message;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptedSmtpServerTest {
    private ScriptedSmtpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordsAnAcceptedMessageWithItsEnvelopeAndUnstuffedData() throws IOException {
        server = ScriptedSmtpServer.start();
        try (Client client = new Client(server.port())) {
            client.sendMessage("a@example.com", "b@example.com", "Subject: hi", "..dotted", "body");
        }
        Message message = server.messages().get(0);
        assertEquals("a@example.com", message.mailFrom());
        assertEquals(List.of("b@example.com"), message.recipients());
        assertEquals("Subject: hi\r\n.dotted\r\nbody\r\n", message.text());
        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void logsEveryCommandLine() throws IOException {
        server = ScriptedSmtpServer.start();
        try (Client client = new Client(server.port())) {
            client.send("EHLO me");
            client.send("NOOP");
            client.send("RSET");
        }
        assertEquals(List.of("EHLO me", "NOOP", "RSET"), server.commands());
    }

    @Test
    void aRuleUsedUpAfterTimesFallsBackToTheDefaultReply() throws IOException {
        server = ScriptedSmtpServer.start();
        server.on(Step.MESSAGE).reply(451, "4.3.0 try again later").times(1);
        try (Client client = new Client(server.port())) {
            assertEquals("451 4.3.0 try again later", client.sendMessage("a@x.test", "b@x.test", "one"));
            assertTrue(client.sendMessage("a@x.test", "b@x.test", "two").startsWith("250 "));
        }
        assertEquals(1, server.messages().size());
        assertEquals("two\r\n", server.messages().get(0).text());
    }

    @Test
    void refusesOnlyTheRecipientsARuleMatches() throws IOException {
        server = ScriptedSmtpServer.start();
        server.on(Step.RCPT).matching("nobody@").reply(550, "5.1.1 no such user");
        try (Client client = new Client(server.port())) {
            client.send("MAIL FROM:<a@x.test>");
            assertEquals("550 5.1.1 no such user", client.send("RCPT TO:<nobody@x.test>"));
            assertEquals("250 2.1.5 Ok", client.send("RCPT TO:<somebody@x.test>"));
            client.send("DATA");
            client.send("text\r\n.");
        }
        assertEquals(List.of("somebody@x.test"), server.messages().get(0).recipients());
    }

    @Test
    void replyAndCloseSendsTheReplyThenEndsTheConnection() throws IOException {
        server = ScriptedSmtpServer.start();
        server.on(Step.MAIL).replyAndClose(421, "4.3.2 shutting down");
        try (Client client = new Client(server.port())) {
            assertEquals("421 4.3.2 shutting down", client.send("MAIL FROM:<a@x.test>"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void dropAtMessageClosesTheConnectionInTheMiddleOfData() throws IOException {
        server = ScriptedSmtpServer.start();
        server.on(Step.MESSAGE).drop();
        try (Client client = new Client(server.port())) {
            client.send("MAIL FROM:<a@x.test>");
            client.send("RCPT TO:<b@x.test>");
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.send("DATA"));
            client.write("Subject: half a message\r\n");
            assertTrue(client.closedByServer());
        }
        assertEquals(List.of(), server.messages());
    }

    @Test
    void dropAllClosesOpenConnections() throws IOException {
        server = ScriptedSmtpServer.start();
        try (Client client = new Client(server.port())) {
            client.send("NOOP");
            server.dropAll();
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void anIdleConnectionGets421AndIsClosed() throws IOException {
        server = ScriptedSmtpServer.start(0, Duration.ofMillis(200));
        try (Client client = new Client(server.port())) {
            assertEquals("421 4.4.2 idle for too long, closing connection", client.readReply());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void closeStopsListening() throws IOException {
        server = ScriptedSmtpServer.start();
        int port = server.port();
        server.close();
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    /** A plain-socket SMTP client that reads the greeting on connect. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
            readReply();
        }

        /** @return the last line of the reply to the command */
        String send(String command) throws IOException {
            write(command + "\r\n");
            return readReply();
        }

        /** @return the reply to the final dot */
        String sendMessage(String from, String to, String... lines) throws IOException {
            send("MAIL FROM:<" + from + ">");
            send("RCPT TO:<" + to + ">");
            send("DATA");
            return send(String.join("\r\n", lines) + "\r\n.");
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String readReply() throws IOException {
            String line = in.readLine();
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            return line;
        }

        boolean closedByServer() {
            try {
                return in.read() < 0;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
