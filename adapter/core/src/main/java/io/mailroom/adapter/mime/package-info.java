/**
 * Composition: an {@code Email} or a pre-composed RFC 5322 message to a {@code MimeMessage} with its
 * envelope ({@link io.mailroom.adapter.mime.ComposedMessage}), on Angus Mail. Transfer encodings are
 * chosen up front, content handlers are explicit (no activation-framework lookups per part), and a
 * raw message can be streamed without being read into memory. Knows no outbox and no socket.
 */
package io.mailroom.adapter.mime;
