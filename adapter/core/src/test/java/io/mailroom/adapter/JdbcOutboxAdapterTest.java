package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.email;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.adapter.outbox.jdbc.TestDatabase;
import io.mailroom.api.MailConnection;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.TestJndi;
import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;
import jakarta.resource.ResourceException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection factory with {@code outbox=jdbc} on a real PostgreSQL, outside a server: the
 * DataSource is found in JNDI ({@link TestJndi}); inside an XA branch the message is inserted
 * through the connection the "server" has enlisted for this thread (what Liberty and WildFly do
 * for a DataSource used inside a JTA transaction), and Mailroom's branch votes read-only.
 */
class JdbcOutboxAdapterTest {
    private static final String JNDI = "jdbc/mailroomOutbox";

    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    /** The connection a server would have enlisted in this thread's JTA transaction. */
    private static final ThreadLocal<Connection> ENLISTED = new ThreadLocal<>();

    private final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    private TestDatabase db;

    @BeforeEach
    void bind() throws Exception {
        db = TestDatabase.create();
        TestJndi.install();
        TestJndi.bind(JNDI, serverLike(db.dataSource()));
        db.execute("CREATE TABLE orders (id int)");
        adapter.start(null);
    }

    @AfterEach
    void unbind() {
        adapter.stop();
        TestJndi.uninstall();
    }

    private SmtpManagedConnectionFactory jdbcFactory() {
        SmtpManagedConnectionFactory factory = TestMailroom.settings(greenMail.getSmtp().getPort());
        factory.setResourceAdapter(adapter);
        factory.setOutbox("jdbc");
        factory.setOutboxDataSource(JNDI);
        return factory;
    }

    @Test
    void committedTransactionDeliversAndOurBranchIsReadOnly() throws Exception {
        orderTransaction("order 1 confirmed", true);
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "the committed message arrives");
        assertEquals("order 1 confirmed", greenMail.getReceivedMessages()[0].getSubject());
        assertEquals(1, db.count("SELECT count(*) FROM orders"));
        Await.until(() -> rows("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'") == 1);
    }

    @Test
    void rolledBackTransactionLeavesNoRowAndSendsNothing() throws Exception {
        orderTransaction("order 2 confirmed", false);
        Thread.sleep(1_500); // a delivery tick and more: nothing may arrive
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"));
        assertEquals(0, db.count("SELECT count(*) FROM orders"));
    }

    /**
     * What a server does for an application that inserts an order and sends a mail in one JTA
     * transaction: Mailroom's XA branch and the database connection enlisted for the thread, then
     * two-phase commit (Mailroom's branch must vote read-only, and nothing is visible before the
     * database commits) or rollback of both.
     */
    private void orderTransaction(String subject, boolean commit) throws Exception {
        SmtpManagedConnection managed = (SmtpManagedConnection) jdbcFactory().createManagedConnection(null, null);
        MailConnection handle = (MailConnection) managed.getConnection(null, null);
        XAResource xa = managed.getXAResource();
        Xid xid = xid(subject.replace(' ', '-'));
        try (Connection tx = db.dataSource().getConnection()) {
            tx.setAutoCommit(false);
            ENLISTED.set(tx);
            xa.start(xid, XAResource.TMNOFLAGS);
            SendReceipt receipt = handle.send(email(subject));
            insertOrder(tx);
            xa.end(xid, XAResource.TMSUCCESS);
            assertEquals(SendReceipt.Status.QUEUED, receipt.status());
            if (commit) {
                assertEquals(XAResource.XA_RDONLY, xa.prepare(xid), "Mailroom's branch holds nothing");
                assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"), "not visible before the commit");
                tx.commit();
            } else {
                xa.rollback(xid);
                tx.rollback();
            }
        } finally {
            ENLISTED.remove();
            managed.destroy();
        }
    }

    @Test
    void dataSourceNotEnlistedInTheTransactionIsRefused() throws Exception {
        SmtpManagedConnection managed = (SmtpManagedConnection) jdbcFactory().createManagedConnection(null, null);
        MailConnection handle = (MailConnection) managed.getConnection(null, null);
        XAResource xa = managed.getXAResource();
        Xid xid = xid("loose");
        xa.start(xid, XAResource.TMNOFLAGS);
        MailException e = assertThrows(MailException.class, () -> handle.send(email("would outlive a rollback")));
        assertTrue(e.getMessage().startsWith("MAILROOM-5053"), e.getMessage());
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"));
        managed.destroy();
    }

    @Test
    void localTransactionBuffersUntilCommitThenStoresWithAutocommit() throws Exception {
        SmtpManagedConnection managed = (SmtpManagedConnection) jdbcFactory().createManagedConnection(null, null);
        MailConnection handle = (MailConnection) managed.getConnection(null, null);
        jakarta.resource.spi.LocalTransaction local = managed.getLocalTransaction();
        local.begin();
        handle.send(email("rolled back locally"));
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"), "held in memory until commit");
        local.rollback();
        local.begin();
        handle.send(email("committed locally"));
        local.commit();
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        Thread.sleep(500);
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals("committed locally", greenMail.getReceivedMessages()[0].getSubject());
        managed.destroy();
    }

    @Test
    void enqueueOutsideATransactionIsStoredAndDelivered() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(jdbcFactory(), 1); MailConnection mail = mailroom.connection()) {
            SendReceipt receipt = mail.enqueue(email("enqueued"));
            assertEquals(SendReceipt.Status.QUEUED, receipt.status());
            assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
            Await.until(() -> rows("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'"
                    + " AND claim_owner IS NOT NULL AND lease_until IS NULL AND octet_length(mime) = 0") == 1);
        }
    }

    @Test
    void theSpoolDirectoryOfThisRunIsDeletedWhenTheAdapterStops() throws Exception {
        SmtpManagedConnectionFactory factory = jdbcFactory();
        Path spool = factory.services().runtime().spool().directory();
        assertTrue(Files.isDirectory(spool), spool.toString());
        assertTrue(spool.startsWith(System.getProperty("java.io.tmpdir")), spool.toString());

        adapter.stop();

        assertFalse(Files.exists(spool), "deleted at stop: " + spool);
    }

    @Test
    void jdbcWithoutADataSourceIsRefusedNamingIt() {
        assertRefused(f -> f.setOutboxDataSource(" "), "MAILROOM-4001 connection factory property outboxDataSource=");
    }

    @Test
    void unknownOutboxIsRefusedNamingIt() {
        assertRefused(f -> f.setOutbox("redis"),
                "MAILROOM-4001 connection factory property outbox=redis is invalid: must be journal or jdbc");
    }

    @Test
    void unboundDataSourceIsRefusedNamingTheSetting() {
        assertRefused(f -> f.setOutboxDataSource("jdbc/nothingHere"),
                "MAILROOM-4014 connection factory property outboxDataSource=jdbc/nothingHere names no DataSource");
    }

    /** Settings are refused when the factory is made ({@code InvalidPropertyException} is a {@code ResourceException}). */
    private void assertRefused(java.util.function.Consumer<SmtpManagedConnectionFactory> setting, String messageStart) {
        SmtpManagedConnectionFactory factory = jdbcFactory();
        setting.accept(factory);
        ResourceException e = assertThrows(ResourceException.class,
                () -> factory.createConnectionFactory(new StandaloneConnectionManager(1)));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    private long rows(String sql) {
        try {
            return db.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insertOrder(Connection tx) throws Exception {
        try (Statement s = tx.createStatement()) {
            s.execute("INSERT INTO orders VALUES (1)");
        }
    }

    /** Hands out the thread's enlisted connection inside a "transaction", else a new autocommit one. */
    private static DataSource serverLike(DataSource plain) {
        return (DataSource) Proxy.newProxyInstance(JdbcOutboxAdapterTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Connection enlisted = ENLISTED.get();
                    if (method.getName().equals("getConnection") && enlisted != null) {
                        return TestDatabase.enlisted(enlisted).getConnection();
                    }
                    return method.invoke(plain, args);
                });
    }

    private static Xid xid(String name) {
        byte[] gtrid = name.getBytes(StandardCharsets.US_ASCII);
        return io.mailroom.adapter.tx.XidCodec.decode("4660:" + java.util.HexFormat.of().formatHex(gtrid) + ":01");
    }
}
