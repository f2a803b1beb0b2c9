/**
 * The outbox admin web module: a Jakarta REST API under {@code /api} ({@link
 * io.mailroom.admin.OutboxResource}) over one connection factory's {@link
 * io.mailroom.api.OutboxAdmin}, protected by the {@code mailroom-admin} role (web.xml) and a CSRF
 * token for every state change ({@link io.mailroom.admin.CsrfFilter}), and one static page,
 * {@code index.html}, that uses it. Which factory: {@link io.mailroom.admin.AdminSettings}.
 */
package io.mailroom.admin;
