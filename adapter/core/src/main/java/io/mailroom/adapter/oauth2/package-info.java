/**
 * OAuth 2.0 access tokens for XOAUTH2 from a token endpoint: the refresh-token and
 * client-credentials grants over {@code java.net.http}, tokens kept until shortly before they
 * expire, rotated refresh tokens followed, and a small reader for the flat JSON of token
 * responses.
 */
package io.mailroom.adapter.oauth2;
