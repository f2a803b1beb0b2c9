/**
 * Mailroom's resource adapter: the Jakarta Connectors roles and the wiring of the packages below.
 * This is the only package that imports the others; none of them imports it.
 *
 * <h2>The roles (this package)</h2>
 * <ul>
 *   <li>{@link io.mailroom.adapter.SmtpResourceAdapter}: lifecycle; stops every outbox runtime.</li>
 *   <li>{@link io.mailroom.adapter.SmtpManagedConnectionFactory}: the settings as JavaBean properties
 *       (read once by {@code SettingsReader}, the S/MIME and DKIM ones by {@code SigningSettingsReader});
 *       makes {@code FactoryServices} (Angus session, SMTP connector, message signer, outbox runtime)
 *       that its managed connections receive.</li>
 *   <li>{@code SmtpManagedConnection} (one pooled SMTP connection, its XA resource and local
 *       transaction), {@code SmtpConnectionImpl} (the handle applications hold),
 *       {@code SmtpConnectionFactoryImpl} (what JNDI hands out).</li>
 *   <li>{@link io.mailroom.adapter.StandaloneConnectionManager}: a small pool for use outside a server.</li>
 *   <li>{@code OutboxRuntime}: per outbox directory (or, with {@code outbox=jdbc}, per DataSource,
 *       found by {@code OutboxDataSource}), the outbox, the transaction buffers and the delivery engine; {@code SmtpDeliveryConnection} and {@code OutboxMessageCodec} join the
 *       delivery engine to the SMTP and MIME packages.</li>
 * </ul>
 *
 * <h2>The packages</h2>
 * <ul>
 *   <li>{@code config}: immutable, checked settings values; no I/O.</li>
 *   <li>{@code mime}: an {@code Email} or raw RFC 5322 bytes to a {@code MimeMessage}; knows no outbox and no socket.
 *       {@code mime.tnef}: the TNEF ({@code winmail.dat}) encoder behind {@code Email.tnef(true)};
 *       {@code mime.msg}: an Outlook {@code .msg} file to an {@code Email} ({@code sendMsg}).</li>
 *   <li>{@code smtp}: one SMTP connection: route, socket, TLS, authentication, probing, replies to
 *       exceptions; {@code smtp.proxy}: the SOCKS5 and HTTP CONNECT handshakes below it.</li>
 *   <li>{@code oauth2}: XOAUTH2 access tokens from a token endpoint.</li>
 *   <li>{@code outbox}: the durable outbox SPI; {@code outbox.journal}: the embedded journal behind it;
 *       {@code outbox.jdbc}: the outbox in PostgreSQL through the server's DataSource, shared by instances.</li>
 *   <li>{@code tx}: XA and local transactions, buffering each branch's messages until commit.</li>
 *   <li>{@code delivery}: workers that drain the outbox, retries, dead letters, events.</li>
 *   <li>{@code signing}: S/MIME ({@code signing.smime}, Bouncy Castle) and DKIM ({@code signing.dkim})
 *       over a composed message's bytes.</li>
 *   <li>{@code wire}: what may reach the wire: addresses parsed one per string and turned into
 *       {@code MAIL FROM}/{@code RCPT TO} bytes (SMTPUTF8 when needed), header values as RFC 2047
 *       words and RFC 2231 parameters; used by {@code mime} and {@code smtp}, imports neither.</li>
 *   <li>{@code method}: delivery methods other than SMTP (pickup directory, capture) as delivery
 *       connections, and the staging recipient allow-list and redirect.</li>
 *   <li>{@code health}: what health checks read about an outbox (fill level, journal, oldest due
 *       message, last delivery progress) and whether the SMTP server accepts a connection.</li>
 * </ul>
 *
 * <h2>The path of one message</h2>
 * <ol>
 *   <li>{@code MailSender.send(email)} (CDI extension) calls {@code MailConnection.send} on a pooled handle;
 *       {@code SmtpConnectionImpl} hands it to {@code SmtpManagedConnection.send}.</li>
 *   <li>{@code MimeComposer.compose} checks every address ({@code EnvelopeAddress.parse}) and encodes
 *       every header ({@code HeaderText}), then builds the MIME message; {@code MessageSigner.sign}
 *       applies S/MIME and DKIM, as the message and the factory ask, to the exact bytes that then go on
 *       the wire; {@code OutboxMessageCodec.toOutbox} turns it into the bytes and envelope the outbox keeps.</li>
 *   <li>Inside a transaction, {@code TransactionalOutbox.buffer} holds it on the branch; outside one it
 *       goes straight to {@code SmtpChannel.send}.</li>
 *   <li>At commit, {@code SmtpXAResource} (or {@code SmtpLocalTransaction}) writes the branch to
 *       {@code JournalOutbox}, which forces it to disk with other commits (group commit) before
 *       commit returns, and wakes the {@code DeliveryEngine}.</li>
 *   <li>A {@code DeliveryWorker} takes the entry and sends it over its {@code SmtpDeliveryConnection}:
 *       {@code OutboxMessageCodec.fromOutbox}, then {@code SmtpChannel.sendToEach} on a connection from
 *       {@code SmtpConnector}; with several entries due, {@code SmtpChannel.sendInTurn}, each envelope
 *       right behind the previous message.</li>
 *   <li>On the server's {@code 250} the worker records it delivered in the journal; a 4xx or I/O error
 *       defers it with backoff ({@code RetryPolicy}), a 5xx makes it a dead letter with the reply.</li>
 * </ol>
 *
 * <h2>Message ids</h2>
 * Every message users see starts with a stable id, defined once, in the one {@code *Messages} class of
 * its package (a test checks): {@code MAILROOM-0xxx} lifecycle, {@code 1xxx} bad input (also thrown by
 * the API module), {@code 2xxx} connections, the pool and the adapter, {@code 3xxx} refusals by the SMTP
 * server, {@code 4xxx} configuration, {@code 5xxx} the outbox, {@code 6xxx} delivery, {@code 7xxx} the CDI
 * extension, {@code 80xx} signing and encrypting a message and {@code 81xx} the S/MIME and DKIM settings
 * ({@code signing}), {@code 82xx} what may go on the wire ({@code wire}), {@code 90xx} delivery methods
 * and the staging recipient policy ({@code method}).
 */
package io.mailroom.adapter;
