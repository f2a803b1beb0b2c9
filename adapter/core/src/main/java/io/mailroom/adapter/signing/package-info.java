/**
 * Signed and encrypted mail: what a connection factory does to a composed message before it is
 * sent or stored in the outbox.
 *
 * <ol>
 * <li>{@link io.mailroom.adapter.signing.MessageSigner#prepare} checks what the message itself
 * needs (a signing key, every recipient's certificate) before any work, so a bad message fails
 * at the call and nothing is sent or stored;
 * <li>S/MIME ({@code smime}, Bouncy Castle): sign, encrypt, or sign then encrypt, as the
 * {@link io.mailroom.api.Email} asks;
 * <li>DKIM ({@code dkim}, RFC 6376 and 8463), last: signatures with the factory's keys for the
 * From domain, over the exact bytes that then go on the wire and into the journal. Delivery from
 * the outbox sends them unchanged, so a signature made before a crash verifies after it.
 * </ol>
 *
 * <p>Settings (all on the connection factory, so per named sender): {@code smimeKeyStore},
 * {@code smimeKeyStoreType}, {@code smimeKeyStorePassword}, {@code smimeKeyAlias},
 * {@code smimeEncryption}, {@code smimeCertificateProvider}, {@code dkimKeys},
 * {@code dkimHeaders}, {@code dkimOversign}, {@code dkimCanonicalization}. Message ids:
 * {@code MAILROOM-80xx} for a message that cannot be signed or encrypted, {@code MAILROOM-81xx}
 * for settings.
 */
package io.mailroom.adapter.signing;
