/**
 * {@code @Inject MailSender}: Mailroom for CDI beans.
 *
 * <pre>{@code
 * @Inject MailSender mail;                       // the default sender: mail/mailroom
 * @Inject @Mailer("billing") MailSender billing; // mailroom."billing".jndi-name
 *
 * @Transactional
 * public void placeOrder(Order order) {
 *     orders.persist(order);
 *     mail.send(Email.builder().to(order.email()).subject("Order " + order.id()).text("Thanks!").build());
 * }   // the mail leaves only if this transaction commits
 * }</pre>
 *
 * <p>The extension reads its settings from MicroProfile Config (keys under {@code mailroom.}; see
 * the README), checks every injection point when the application deploys, guards the synchronous
 * paths with MicroProfile Fault Tolerance ({@link io.mailroom.cdi.FaultTolerantSender}), and fires
 * {@link io.mailroom.cdi.MailQueued}, {@link io.mailroom.cdi.MailSent} and
 * {@link io.mailroom.cdi.MailFailed} events.
 */
package io.mailroom.cdi;
