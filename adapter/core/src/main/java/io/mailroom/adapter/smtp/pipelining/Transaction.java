package io.mailroom.adapter.smtp.pipelining;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/** The state of one message {@link PipeliningTransport} sends pipelined. */
final class Transaction {
    final Message message;
    final List<InternetAddress> recipients;
    final List<String> commands = new ArrayList<>();
    boolean collecting = true;
    /** DATA was sent with the envelope and answered 354: Angus's data() must neither send it nor read a reply. */
    boolean dataAnswered;
    ChunkingBody chunked;
    /** After DATA's 354: the message held to go out with the final dot in one write. */
    ChunkingBody held;
    EnvelopeReplies replies;
    /** A failure found while Angus wrote the message, thrown from finishData(). */
    MessagingException deferred;

    /** The caller has another message right after this one: the final dot's reply may be left unread. */
    final boolean leave;

    Transaction(Message message, List<InternetAddress> recipients, boolean leave) {
        this.message = message;
        this.recipients = recipients;
        this.leave = leave;
    }
}
