package io.mailroom.adapter;

import io.mailroom.adapter.config.SmtpSettings;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Describes the SMTP server behind a managed connection. */
final class SmtpManagedConnectionMetaData implements ManagedConnectionMetaData {
    private final SmtpSettings settings;

    SmtpManagedConnectionMetaData(SmtpSettings settings) {
        this.settings = settings;
    }

    @Override
    public String getEISProductName() {
        return "SMTP server at " + settings.address();
    }

    @Override
    public String getEISProductVersion() {
        return "unknown";
    }

    /** @return 0: the server's own limit is unknown; the pool's maxPoolSize bounds connections */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return settings.username();
    }
}
