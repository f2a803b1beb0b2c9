/**
 * Delivery: a fixed number of workers drain the outbox, each over its own SMTP connection, with
 * exponential backoff and jitter for transient failures and a dead-letter store for the rest.
 * Each recipient's own reply decides for it ({@code EntryDelivery}): accepted ones are done with,
 * 5xx ones dead-lettered, 4xx ones retried, after a {@code 452} the rest go in the next
 * transaction. A worker with several messages due may send them in turn, each envelope behind the
 * previous message ({@code DeliveryWorker}, {@code EntryDelivery.deliverInTurn}). Events go to the listeners of the application that sent the message
 * ({@code ListenerScopes}); deferrals and dead letters are logged ({@code DeliveryLog}).
 */
package io.mailroom.adapter.delivery;
