/**
 * Transactions: messages sent inside a JTA (XA) or local transaction are buffered on the
 * transaction branch and reach the durable outbox only when the branch prepares or commits in
 * one phase; rollback discards them. Nothing reaches the SMTP server before commit.
 */
package io.mailroom.adapter.tx;
