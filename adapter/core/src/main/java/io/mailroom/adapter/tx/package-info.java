/**
 * Transactions: messages sent inside a JTA (XA) or local transaction are buffered on the
 * transaction branch and reach the durable outbox only when the branch prepares or commits in
 * one phase; rollback discards them. Nothing reaches the SMTP server before commit.
 *
 * <p>{@code SmtpXAResource} follows the XA specification's state table (start/end flags,
 * read-only vote, {@code XAER_NOTA} for unknown branches, recovery scans, {@code forget} only after
 * a heuristic outcome, transaction timeouts) and reports a one-phase commit whose outcome the disk
 * left unknown as {@code XA_HEURHAZ}, never as a rollback. It and {@code SmtpLocalTransaction}
 * find the outbox through {@code OutboxSource} on every call.
 */
package io.mailroom.adapter.tx;
