/**
 * The harness of the interop tests ({@code mvn verify -Pinterop}): Debian's Postfix with Dovecot
 * SASL, Dante and tinyproxy, each started in the foreground with its own configuration in a
 * temporary directory, on free loopback ports, and stopped by process id when the test ends.
 */
package io.mailroom.adapter.interop;
