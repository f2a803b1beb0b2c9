package io.mailroom.adapter;

import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.MailException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** What applications find in JNDI: asks the connection manager for a pooled connection. */
final class SmtpConnectionFactoryImpl implements MailConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final SmtpManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    SmtpConnectionFactoryImpl(SmtpManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public MailConnection getConnection() {
        try {
            return (MailConnection) connectionManager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            throw new MailException(Messages.noPooledConnection(e.getMessage()), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
