/**
 * The durable outbox: where messages wait between their transaction's commit and the SMTP
 * server's {@code 250}. {@link io.mailroom.adapter.outbox.Outbox} is the SPI; {@link
 * io.mailroom.adapter.outbox.JournalOutbox} is the embedded default, an append-only journal with
 * group commit in a directory of the server's.
 */
package io.mailroom.adapter.outbox;
