/**
 * Metrics and spans of Mailroom, recorded with the server's OpenTelemetry (MicroProfile
 * Telemetry: Liberty's {@code mpTelemetry-2.1}, WildFly's {@code opentelemetry} subsystem).
 *
 * <p>Where the instrumentation lives: here, in the CDI extension, not in the resource adapter.
 * The adapter runs in its own class loader, outside every application, and must work on servers
 * and in applications without OpenTelemetry; MicroProfile Telemetry hands its {@code OpenTelemetry}
 * to applications (a CDI bean), configured by the server and the application's MicroProfile
 * Config. So the adapter only measures and publishes, through the application-facing API it
 * already has: {@link io.mailroom.api.DeliveryListener#attempted} carries each delivery attempt's
 * outcome and timings (commit time, start, end, SMTP connect time), and
 * {@link io.mailroom.api.MailConnectionFactory#outboxHealth()} and
 * {@link io.mailroom.api.MailConnectionFactory#deliveryConnectionsInUse()} are read by gauge
 * callbacks when the server exports. The adapter has no OpenTelemetry dependency at all; this
 * package is used only when the OpenTelemetry API is on the application's class path
 * ({@link MailTelemetry#forApplication}), and otherwise the extension records nothing.
 *
 * <p>A span covers each send call on the application's thread (a child of the request's span)
 * and each delivery attempt. Delivery happens later on an adapter thread, in a trace of its own;
 * its span links to the send span that queued the message. That span context is kept in memory
 * by message id (bounded), not in the outbox journal: after a restart, mail queued before it is
 * delivered without the link.
 */
package io.mailroom.cdi.telemetry;
