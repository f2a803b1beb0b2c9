package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.Encryption;
import io.mailroom.adapter.config.ProxySettings;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.work.WorkLauncher;
import io.mailroom.adapter.config.TlsSettings;
import io.mailroom.adapter.smtp.proxy.HttpConnectHandshake;
import io.mailroom.adapter.smtp.proxy.ProxyException;
import io.mailroom.adapter.smtp.proxy.Socks5Handshake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/**
 * Opens the socket of one SMTP connection: TCP to the server or through the proxy (SOCKS5 or
 * HTTP CONNECT), a write timeout, and for implicit TLS the handshake, with the connection
 * factory's trust and the server identity check. Angus Mail then speaks SMTP on it (STARTTLS
 * included). Every step is bounded by the connect timeout; the socket is returned with the read
 * timeout.
 *
 * <p>TLS identity is always the configured host (RFC 6125): an IP literal is matched against the
 * certificate's IP addresses, a name against its DNS names, on implicit TLS, STARTTLS, probing
 * and through proxies. Never a resolved or reverse-resolved name: Angus Mail takes the name for
 * its STARTTLS check from {@code socket.getInetAddress().getHostName()}, a reverse lookup (so
 * {@code 127.0.0.1} was checked as {@code localhost}, and through a proxy the proxy's address
 * was looked up), hence {@link ConfiguredHostSocket}.
 */
final class SocketOpener {
    private static final String[] TLS_PROTOCOLS = TlsSettings.PROTOCOLS.split(" ");

    private final ProxySettings proxy;
    private final SSLSocketFactory tls;
    private final boolean checkServerIdentity;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final WriteWatchdog writeTimeout;

    SocketOpener(SmtpSettings smtp, SecuritySettings security, SSLSocketFactory tls, WorkLauncher launcher) {
        this.proxy = security.proxy();
        this.tls = tls;
        this.checkServerIdentity = security.tls().checkServerIdentity();
        this.connectTimeoutMillis = smtp.connectTimeoutMillis();
        this.readTimeoutMillis = smtp.readTimeoutMillis();
        this.writeTimeout = new WriteWatchdog(smtp.writeTimeoutMillis(), launcher);
    }

    Socket open(Route route) throws ConnectFailure {
        Socket raw = new Socket();
        Socket socket = raw;
        try {
            // SMTP is request/reply in small writes: without this, delayed ACKs stall each reply
            // by up to 40 ms (measured: a 100 KB message took ~36 ms more per send on loopback).
            raw.setTcpNoDelay(true);
            raw.setSoTimeout(connectTimeoutMillis);
            connect(raw, route);
            socket = new ConfiguredHostSocket(raw, writeTimeout, route.host());
            if (route.encryption() == Encryption.IMPLICIT_TLS) {
                socket = handshake(socket, route);
            }
            socket.setSoTimeout(readTimeoutMillis);
            return socket;
        } catch (ConnectFailure e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConnectFailure(ConnectFailure.Kind.OTHER, route, describe(e), e);
        }
    }

    private void connect(Socket raw, Route route) throws ConnectFailure {
        boolean direct = proxy.type() == ProxySettings.Type.NONE;
        String host = direct ? route.host() : proxy.host();
        int port = direct ? route.port() : proxy.port();
        try {
            raw.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        } catch (IOException e) {
            throw new ConnectFailure(direct ? ConnectFailure.Kind.UNREACHABLE : ConnectFailure.Kind.PROXY_FAILED, route,
                    (direct ? "" : "proxy " + proxy.address() + ": ") + describe(e) + " (connect timeout "
                            + connectTimeoutMillis + " ms)", e);
        }
        try {
            if (proxy.type() == ProxySettings.Type.SOCKS5) {
                Socks5Handshake.connect(raw, route.host(), route.port(), proxy.username(), proxy.password());
            } else if (proxy.type() == ProxySettings.Type.HTTP) {
                HttpConnectHandshake.connect(raw, route.host(), route.port(), proxy.username(), proxy.password());
            }
        } catch (ProxyException e) {
            throw new ConnectFailure(ConnectFailure.Kind.PROXY_FAILED, route, e.getMessage(), e);
        } catch (IOException e) {
            throw new ConnectFailure(ConnectFailure.Kind.PROXY_FAILED, route,
                    proxy.type() + " proxy " + proxy.address() + ": " + describe(e), e);
        }
    }

    private SSLSocket handshake(Socket socket, Route route) throws ConnectFailure {
        try {
            SSLSocket ssl = (SSLSocket) tls.createSocket(socket, route.host(), route.port(), true);
            ssl.setEnabledProtocols(TLS_PROTOCOLS);
            if (checkServerIdentity) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
            ssl.startHandshake();
            return ssl;
        } catch (SSLHandshakeException e) {
            throw new ConnectFailure(ConnectFailure.Kind.TLS_FAILED, route, describe(e), e);
        } catch (SocketTimeoutException e) {
            throw new ConnectFailure(ConnectFailure.Kind.OTHER, route, "no answer to the TLS handshake within "
                    + connectTimeoutMillis + " ms", e);
        } catch (SSLException e) {
            // The server spoke first, in plaintext: an SMTP greeting is no TLS record.
            throw new ConnectFailure(ConnectFailure.Kind.NOT_TLS, route,
                    "the server does not speak TLS on this port (" + describe(e) + ")", e);
        } catch (IOException e) {
            throw new ConnectFailure(ConnectFailure.Kind.OTHER, route, describe(e), e);
        }
    }

    /** @return the innermost cause's message, which says what actually went wrong */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Never fully opened.
        }
    }

    /**
     * The socket as Angus Mail sees it: its address carries the configured host as its name, and
     * its writes are bounded by the {@link WriteWatchdog} (Angus's {@code WriteTimeoutSocket} is
     * used as the delegating socket only: no timer of its own; given no executor, which it would
     * otherwise create per socket and only use in the {@code getOutputStream} overridden here).
     */
    static final class ConfiguredHostSocket extends WriteTimeoutSocket {
        private final Socket raw;
        private final InetAddress named;
        private final WriteWatchdog writeTimeout;
        private WriteWatchdog.Watched out;

        ConfiguredHostSocket(Socket raw, WriteWatchdog writeTimeout, String configuredHost) throws IOException {
            super(raw, 0, null); // an "external" executor: none made, none shut down at close
            this.raw = raw;
            this.writeTimeout = writeTimeout;
            this.named = InetAddress.getByAddress(configuredHost, raw.getInetAddress().getAddress());
        }

        @Override
        public InetAddress getInetAddress() {
            return named;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = writeTimeout.watch(raw, raw.getOutputStream());
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                WriteWatchdog.Watched watched;
                synchronized (this) {
                    watched = out;
                }
                if (watched != null) {
                    watched.close();
                }
            }
        }
    }
}
