/**
 * TNEF ({@code winmail.dat}, {@code application/ms-tnef}): the encoder that sends an
 * {@link io.mailroom.api.Email} built with {@code tnef(true)} the way Exchange sends mail to
 * Outlook recipients. Hand-written after MS-OXTNEF, because no Java library writes TNEF; the
 * tests read every stream back with Apache POI HMEF and Debian's {@code tnef}.
 *
 * <p>{@link io.mailroom.adapter.mime.tnef.TnefEncoder} builds the stream from
 * {@link io.mailroom.adapter.mime.tnef.TnefStream} (signature, attributes, checksums),
 * {@link io.mailroom.adapter.mime.tnef.MapiProperties} (the MAPI property lists inside it) and
 * {@link io.mailroom.adapter.mime.tnef.RtfBody} (the body as compressed RTF).
 */
package io.mailroom.adapter.mime.tnef;
