/**
 * Where the adapter's background work runs: {@code WorkLauncher} hands a JCA {@code Work} to the
 * server's WorkManager (in a server, from the root package's wiring) or to a daemon thread of its
 * own outside a server ({@code StandaloneWorkLauncher}). The adapter creates no threads itself in
 * a server: delivery workers, lease renewal and the SMTP write timeout all go through it.
 */
package io.mailroom.adapter.work;
