/**
 * Where a factory's mail goes instead of (or on the way to) SMTP, and who may receive it.
 *
 * <ul>
 *   <li>{@link io.mailroom.adapter.method.DeliveryMethod}: the {@code deliveryMethod} setting,
 *       {@code smtp} (the default), {@code pickup-directory}, {@code jms} or {@code capture}.</li>
 *   <li>{@link io.mailroom.adapter.method.PickupDirectory}: each message written as one
 *       {@code .eml} file, atomically (temporary file, force, rename, force the directory), for
 *       IIS, Exchange or any MTA that watches a pickup directory.</li>
 *   <li>{@link io.mailroom.adapter.method.JmsQueue}: each message as a {@code BytesMessage} on a
 *       queue of the server's messaging engine, sent on the caller's thread so that it joins the
 *       caller's JTA transaction (the one method that is not buffered on Mailroom's branch).</li>
 *   <li>{@link io.mailroom.adapter.method.CaptureStore}: development mail kept in memory, bounded,
 *       never leaving the JVM.</li>
 *   <li>{@link io.mailroom.adapter.method.RecipientPolicy}: the staging allow-list and redirect
 *       ({@code recipientAllowList}, {@code redirectTo}), applied before a message is sent or
 *       queued, so the outbox only ever holds the rewritten envelope.</li>
 * </ul>
 *
 * <p>The local methods are {@link io.mailroom.adapter.delivery.DeliveryConnection}s, so the
 * delivery workers use them exactly as they use an SMTP connection. Messages: {@code MAILROOM-90xx}
 * in {@code MethodMessages}.
 */
package io.mailroom.adapter.method;
