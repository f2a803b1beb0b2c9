/**
 * Delivery: a fixed number of workers drain the outbox, each over its own SMTP connection, with
 * exponential backoff and jitter for transient failures and a dead-letter store for the rest.
 */
package io.mailroom.adapter.delivery;
