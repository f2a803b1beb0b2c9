/**
 * Pipelined SMTP on top of Angus Mail (RFC 2920 PIPELINING, RFC 3030 CHUNKING): the envelope
 * ({@code MAIL FROM}, every {@code RCPT TO}) and {@code DATA}, or {@code BDAT <n> LAST} with the
 * whole message, go out in one write and the replies are read in order. Angus keeps the rest:
 * the commands' text, MIME, TLS, SASL, dot-stuffing. Only the mail transaction is pipelined;
 * EHLO, STARTTLS and AUTH stay in lockstep because they change the connection's state. For a
 * caller with more messages, a message sent through DATA can leave its final reply unread
 * ({@code OwedReply}) and go out in one write with the next message's envelope.
 */
package io.mailroom.adapter.smtp.pipelining;
