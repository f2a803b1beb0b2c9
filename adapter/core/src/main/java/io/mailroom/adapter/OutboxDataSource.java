package io.mailroom.adapter;

import io.mailroom.adapter.outbox.OutboxException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds the server's DataSource named by {@code outboxDataSource}, in JNDI. */
final class OutboxDataSource {
    private OutboxDataSource() {
    }

    /** @throws OutboxException {@code MAILROOM-4014} naming the setting if the name is unbound or not a DataSource */
    static DataSource lookup(String jndiName) throws OutboxException {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new OutboxException(Messages.outboxDataSourceNotFound(jndiName,
                    new ClassCastException("bound to a " + (found == null ? "null" : found.getClass().getName()))));
        } catch (NamingException e) {
            throw new OutboxException(Messages.outboxDataSourceNotFound(jndiName, e), e);
        } catch (RuntimeException e) {
            throw new OutboxException(Messages.outboxDataSourceNotFound(jndiName, e), e);
        }
    }
}
