package io.mailroom.api;

import jakarta.resource.Referenceable;
import java.io.Serializable;

/**
 * The connection factory an application looks up in JNDI (for example {@code mail/mailroom}).
 * Each {@link #getConnection()} takes a connection from the server's pool.
 */
public interface MailConnectionFactory extends Serializable, Referenceable {

    /**
     * Takes a connection from the pool. The SMTP connection is opened on first use, not here.
     *
     * @return a handle; close it when done
     * @throws MailException if the pool cannot supply a connection (for example, it is exhausted
     *                       and the wait timed out)
     */
    MailConnection getConnection();
}
