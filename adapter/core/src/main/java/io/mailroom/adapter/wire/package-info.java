/**
 * What reaches the SMTP wire is what the caller meant: no input can add a command, a recipient or
 * a header line.
 *
 * <ul>
 *   <li>{@link io.mailroom.adapter.wire.EnvelopeAddress}: one address per string, parsed and
 *       checked at the call (no controls, no group, no list), and the one place that turns an
 *       address into the bytes of {@code MAIL FROM} / {@code RCPT TO}: ASCII, or UTF-8 with
 *       {@code SMTPUTF8} (RFC 6531) when the server offers it; never a character cut to one byte.</li>
 *   <li>{@link io.mailroom.adapter.wire.HeaderText}: display names, subjects and custom header
 *       values as RFC 2047 encoded words where they are not plain ASCII, folded so no line passes
 *       998 octets; attachment file names as RFC 2231 parameters.</li>
 *   <li>{@link io.mailroom.adapter.wire.WireMessages}: the {@code MAILROOM-82xx} messages.</li>
 * </ul>
 *
 * <p>Line ends and dot-stuffing in DATA are Angus Mail's {@code SMTPOutputStream}: every CR, LF
 * or CRLF written into DATA leaves as CRLF, and a dot at the start of a line is doubled.
 */
package io.mailroom.adapter.wire;
