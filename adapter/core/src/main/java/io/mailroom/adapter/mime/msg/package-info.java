/**
 * Outlook {@code .msg} files: {@link io.mailroom.adapter.mime.msg.OutlookMessage} reads one with
 * Apache POI HSMF into an {@link io.mailroom.api.Email}, so {@code MailConnection.sendMsg} sends
 * it as MIME like any other message, inside or outside a transaction.
 */
package io.mailroom.adapter.mime.msg;
