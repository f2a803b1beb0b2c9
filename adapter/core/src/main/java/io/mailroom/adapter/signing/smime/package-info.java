/**
 * S/MIME (RFC 8551) with Bouncy Castle's CMS generators: the signing key and chain from a PKCS#12 or PEM
 * store, detached {@code multipart/signed} signatures, AES-256 CBC or GCM encryption to the
 * recipients' certificates, which come with the message or from a
 * {@link io.mailroom.api.RecipientCertificateProvider}.
 */
package io.mailroom.adapter.signing.smime;
