/**
 * Mail templates and mail merge, rendered with Pebble in the application (whose class path holds
 * the templates and the data records; the resource adapter's class loader sees neither). {@link
 * io.mailroom.cdi.template.MailTemplates} turns a template name, a locale and a record into an
 * {@link io.mailroom.api.Email.Builder}, or sends one message per row with a {@link
 * io.mailroom.cdi.MailSender} and reports a {@link io.mailroom.cdi.template.MergeResult} per row.
 */
package io.mailroom.cdi.template;
