package io.mailroom.cdi;

/**
 * One sender's settings, read from MicroProfile Config.
 *
 * @param name the sender's name, {@code default} for {@code @Inject MailSender}
 * @param jndiName where its connection factory is
 * @param jndiKey the configuration key {@code jndiName} came from, for messages
 * @param noTransaction what {@link MailSender#send} does outside a transaction
 * @param bulkConnections how many connections {@link MailSender#sendAll} uses in parallel
 */
record SenderSettings(String name, String jndiName, String jndiKey, NoTransactionMode noTransaction, int bulkConnections) {
}
