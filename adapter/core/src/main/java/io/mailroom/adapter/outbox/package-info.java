/**
 * The durable outbox SPI: where messages wait between their transaction's commit and the SMTP
 * server's {@code 250}. {@link io.mailroom.adapter.outbox.Outbox} states the durability contract;
 * {@code outbox.journal} is the embedded implementation.
 */
package io.mailroom.adapter.outbox;
