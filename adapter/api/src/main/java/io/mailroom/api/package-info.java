/**
 * Mailroom's application-facing API.
 *
 * <p>Applications compile against this package (Maven scope {@code provided}) and receive a
 * {@link io.mailroom.api.MailConnectionFactory} from JNDI (or {@code @Inject MailSender} through
 * the CDI extension). Messages are described with Mailroom's own value types, {@link
 * io.mailroom.api.Email} and {@link io.mailroom.api.Envelope}, never with {@code jakarta.mail}
 * classes: the resource adapter and the application live in different class loaders, and the
 * adapter builds the MIME message with the Angus Mail it bundles.
 *
 * <pre>{@code
 * try (MailConnection mail = factory.getConnection()) {
 *     mail.send(Email.builder()
 *             .from("shop@example.com")
 *             .to("customer@example.com")
 *             .subject("Your order")
 *             .text("Thank you!")
 *             .build());
 * }
 * }</pre>
 *
 * <p>S/MIME is chosen per message with {@link io.mailroom.api.Email.Builder#sign()} and {@link
 * io.mailroom.api.Email.Builder#encrypt(RecipientCertificate...)}; recipients' certificates are
 * {@link io.mailroom.api.RecipientCertificate}s (JDK certificates, no cryptography library types)
 * or come from a {@link io.mailroom.api.RecipientCertificateProvider}. Keys, and DKIM, are the
 * connection factory's settings.
 *
 * <p>Every failure is a {@link io.mailroom.api.MailException}: {@link
 * io.mailroom.api.InvalidEmailException} for bad input (it names the field), {@link
 * io.mailroom.api.MailConnectionException} when the SMTP server cannot be reached (it names host
 * and port), and {@link io.mailroom.api.MailDeliveryException} when the server refuses the
 * message (it carries the server's reply).
 *
 * <p>Operators reach a factory's outbox through {@link io.mailroom.api.OutboxAdmin} ({@link
 * io.mailroom.api.MailConnectionFactory#outboxAdmin()}): list waiting mail and dead letters,
 * requeue or delete a dead letter, pause delivery. The {@code mailroom-admin} web module puts a
 * role-protected REST API and page in front of it.
 */
package io.mailroom.api;
