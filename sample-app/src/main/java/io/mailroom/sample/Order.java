package io.mailroom.sample;

import java.time.Instant;

/** One order of the web shop. */
public record Order(long id, String email, String item, int quantity, Instant createdAt) {
}
