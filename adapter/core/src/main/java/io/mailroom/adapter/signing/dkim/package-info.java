/**
 * DKIM signing (RFC 6376) with rsa-sha256 and ed25519-sha256 (RFC 8463): keys per domain and
 * selector, the header list, oversigning, simple and relaxed canonicalization. Hand-written (see
 * {@link io.mailroom.adapter.signing.dkim.DkimSigner} for why); verified in tests by dkimpy.
 */
package io.mailroom.adapter.signing.dkim;
