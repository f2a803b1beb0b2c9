/**
 * What health checks read about one factory: {@link io.mailroom.adapter.health.OutboxHealthReader}
 * turns the outbox's counts, its fill level, the directory, the oldest due message and the last
 * delivery progress ({@link io.mailroom.adapter.health.DeliveryProgress}) into an
 * {@link io.mailroom.api.OutboxHealth}; {@link io.mailroom.adapter.health.ServerReachability}
 * tells whether the SMTP server accepts a TCP connection. The checks themselves (MicroProfile
 * Health) live in the CDI extension, on the application's side.
 */
package io.mailroom.adapter.health;
