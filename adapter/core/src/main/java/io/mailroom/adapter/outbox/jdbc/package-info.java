/**
 * The outbox on a JDBC {@code DataSource} the server manages (PostgreSQL), for several server
 * instances sharing one outbox. Messages sent inside a JTA transaction are inserted through a
 * connection of that DataSource taken on the application's thread, so they commit or roll back
 * with the application's own data; any live instance delivers, claiming rows with
 * {@code FOR UPDATE SKIP LOCKED} under a lease with a fencing token. Every SQL statement is in
 * {@code OutboxSql}; {@code JdbcSchema} creates or checks the tables at start.
 */
package io.mailroom.adapter.outbox.jdbc;
