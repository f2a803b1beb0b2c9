package io.mailroom.adapter.smtp.proxy;

import java.io.IOException;

/** The proxy answered, and would not open the tunnel: refused credentials, a forbidden target. */
public final class ProxyException extends IOException {
    private static final long serialVersionUID = 1L;

    ProxyException(String message) {
        super(message);
    }
}
