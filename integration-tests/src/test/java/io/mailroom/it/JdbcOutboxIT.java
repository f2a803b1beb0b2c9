package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailroom.testsupport.PostgresCluster;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code outbox=jdbc} on real Open Liberty servers sharing one outbox in a real PostgreSQL
 * (Debian's, started by the test): the application inserts its own row and sends a message in one
 * JTA transaction through the same DataSource; then two servers under load, one SIGKILLed and
 * never restarted, the other delivering everything that was committed. On Liberty two servers
 * made from {@code src/test/liberty/jdbc/server.xml}; on WildFly two made by
 * {@code src/test/wildfly/jdbc.cli} (an XA datasource on the PostgreSQL driver deployed beside
 * mailroom.rar). Skipped without PostgreSQL. Bounded: 20 requests in the first test, 10 s of load in the second, a hard
 * timeout on each.
 */
class JdbcOutboxIT {
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);
    private static PostgresCluster postgres;
    private static GreenMail smtp;
    private static int smtpPort;

    private ServerProcess a;
    private ServerProcess b;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startDatabaseAndSmtp() throws Exception {
        String missing = PostgresCluster.unavailableReason();
        Assumptions.assumeTrue(missing == null, missing);
        // Prepared transactions allowed, and every statement logged: the first test reads whether the
        // transaction manager prepared the database's branch or committed it in one phase.
        postgres = PostgresCluster.start("max_prepared_transactions=20", "log_statement=all");
        postgres.createDatabase("mailroom");
        execute("CREATE TABLE orders (id int PRIMARY KEY)");
        smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopDatabaseAndSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void servers() throws Exception {
        Map<String, String> env = Map.of("MAILROOM_PG_PORT", String.valueOf(postgres.port()),
                "MAILROOM_SMTP_PORT", String.valueOf(smtpPort));
        if (ItServer.isWildFly()) {
            Path home = Path.of(System.getProperty("mailroom.wildfly.home"));
            Path bases = Path.of(System.getProperty("mailroom.wildfly.jdbc.base"));
            a = new WildFlyProcess(home, bases.resolve("a"), "jdbc-a.properties", Integer.getInteger("jdbc.wf.a.http.port"), env);
            b = new WildFlyProcess(home, bases.resolve("b"), "jdbc-b.properties", Integer.getInteger("jdbc.wf.b.http.port"), env);
        } else {
            Path wlp = Path.of(System.getProperty("mailroom.wlp"));
            a = new LibertyProcess(wlp, "mailroom-jdbc-a", Integer.getInteger("jdbc.a.http.port"), env);
            b = new LibertyProcess(wlp, "mailroom-jdbc-b", Integer.getInteger("jdbc.b.http.port"), env);
        }
        for (ServerProcess server : List.of(a, b)) {
            // For WildFly: the manifest entry gives the application the standalone adapter's API and
            // jboss-web.xml its context root; Liberty's server.xml sets both.
            server.deploy(ShrinkWrap.create(WebArchive.class, "jdbc-load.war")
                    .addClasses(JdbcLoadServlet.class, TransactionEnd.class, ItServer.class)
                    .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.mailroom.rar\n"))
                    .addAsWebInfResource(new StringAsset("<jboss-web><context-root>/crash</context-root></jboss-web>"),
                            "jboss-web.xml"));
        }
        execute("TRUNCATE orders");
        execute("DO $$ BEGIN IF to_regclass('mailroom_outbox') IS NOT NULL THEN"
                + " TRUNCATE mailroom_outbox, mailroom_dead_letter; END IF; END $$");
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void killServers() {
        if (a != null) {
            a.kill();
        }
        if (b != null) {
            b.kill();
        }
    }

    @Test
    void theMailCommitsAndRollsBackWithTheApplicationsRow() {
        assertTimeoutPreemptively(TIME_LIMIT, () -> {
            a.start(new File("target/jdbc-outbox-" + ItServer.name() + "-a-tx.log"));
            Set<String> committed = new TreeSet<>();
            for (int id = 1; id <= 20; id++) {
                boolean commit = id % 2 == 1;
                assertEquals(commit ? "committed" : "rolled back", get(a, "send?id=" + id + "&commit=" + commit));
                if (commit) {
                    committed.add("jdbc-" + id);
                }
            }
            assertTrue(smtp.waitForIncomingEmail(30_000, committed.size()), "every committed message arrives");
            a.awaitDrained(DRAIN_LIMIT);
            Thread.sleep(1_000);
            assertEquals(committed, new TreeSet<>(delivered().keySet()), "delivered: exactly the committed ones");
            assertEquals(committed, orders(), "the application's rows: exactly the committed ones");
            long prepares = postgres.log().lines().filter(l -> l.contains("PREPARE TRANSACTION")).count();
            System.out.printf("JdbcOutboxIT on %s, transactions: 10 committed, 10 rolled back; the database saw %d"
                    + " PREPARE TRANSACTION (0: every commit was one-phase)%n", ItServer.name(), prepares);
        });
    }

    @Test
    void theSurvivorDeliversEverythingCommittedWhenTheOtherInstanceIsKilled() {
        assertTimeoutPreemptively(TIME_LIMIT, this::killOneUnderLoad);
    }

    private void killOneUnderLoad() throws Exception {
        a.start(new File("target/jdbc-outbox-" + ItServer.name() + "-a-kill.log"));
        b.start(new File("target/jdbc-outbox-" + ItServer.name() + "-b-kill.log"));
        String pidA = get(a, "status").split(" ")[3];
        String pidB = get(b, "status").split(" ")[3];
        Map<Integer, String> outcomes = new ConcurrentHashMap<>();
        AtomicInteger ids = new AtomicInteger(1000);
        long start = System.nanoTime();
        long killAt = start + Duration.ofMillis(3000 + ThreadLocalRandom.current().nextInt(3000)).toNanos();
        long end = start + Duration.ofSeconds(10).toNanos();
        AtomicBoolean killed = new AtomicBoolean();
        Thread[] threads = new Thread[6];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int id = ids.incrementAndGet();
                    boolean commit = ThreadLocalRandom.current().nextDouble() < 0.7;
                    ServerProcess server = !killed.get() && id % 2 == 0 ? a : b;
                    outcomes.put(id, commit ? "cut" : "rollback");
                    try {
                        String answer = get(server, "send?id=" + id + "&commit=" + commit);
                        if (commit) {
                            outcomes.put(id, answer.equals("committed") ? "committed" : "failed");
                        }
                    } catch (IOException e) {
                        // the server died under the request: the outcome stays cut (or rollback)
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            threads[t].start();
        }
        while (System.nanoTime() < killAt) {
            Thread.sleep(20);
        }
        killed.set(true);
        a.kill(); // SIGKILL, never restarted
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        b.awaitDrained(DRAIN_LIMIT);
        Thread.sleep(1_000);

        Map<String, Integer> delivered = delivered();
        Set<String> rows = orders();
        int committedLost = 0;
        int rolledBackDelivered = 0;
        int unknown = 0;
        int unknownDelivered = 0;
        int rowWithoutMail = 0;
        for (Map.Entry<Integer, String> e : outcomes.entrySet()) {
            String subject = "jdbc-" + e.getKey();
            boolean arrived = delivered.containsKey(subject);
            if (arrived != rows.contains(subject)) {
                rowWithoutMail++; // one transaction: the application's row and the mail, both or neither
            }
            switch (e.getValue()) {
                case "committed" -> committedLost += arrived ? 0 : 1;
                case "rollback" -> rolledBackDelivered += arrived ? 1 : 0;
                default -> {
                    unknown++;
                    unknownDelivered += arrived ? 1 : 0;
                }
            }
        }
        Map<String, Long> byOwner = deliveredByOwner();
        long byA = byOwner.entrySet().stream().filter(o -> o.getKey().startsWith(pidA + "@")).mapToLong(Map.Entry::getValue).sum();
        long byB = byOwner.entrySet().stream().filter(o -> o.getKey().startsWith(pidB + "@")).mapToLong(Map.Entry::getValue).sum();
        long takenOver = count("SELECT count(*) FROM mailroom_outbox WHERE fencing_token > 1");
        long duplicates = delivered.values().stream().filter(n -> n > 1).count();
        long committed = outcomes.values().stream().filter("committed"::equals).count();
        String table = String.format("%nJdbcOutboxIT on " + ItServer.name() + ", two instances, A killed after %d ms of load and not restarted:%n"
                        + "  requests %d, committed (acknowledged) %d, rolled back %d, outcome unknown (cut by the kill"
                        + " or failed) %d, of which delivered %d%n"
                        + "  committed lost %d, rolled back delivered %d, row and mail disagree %d%n"
                        + "  delivered by A %d, by B %d; rows taken over after a lease expired %d; duplicates %d%n",
                Duration.ofNanos(killAt - start).toMillis(), outcomes.size(), committed,
                outcomes.values().stream().filter("rollback"::equals).count(), unknown, unknownDelivered, committedLost,
                rolledBackDelivered, rowWithoutMail, byA, byB, takenOver, duplicates);
        System.out.println(table);
        assertTrue(committed > 0 && byB > 0, table);
        assertEquals(0, committedLost, "committed lost" + table);
        assertEquals(0, rolledBackDelivered, "rolled back delivered" + table);
        assertEquals(0, rowWithoutMail, "row and mail disagree" + table);
    }

    private String get(ServerProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode() + " " + response.body();
    }

    private static Map<String, Integer> delivered() throws Exception {
        Map<String, Integer> subjects = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.merge(m.getSubject(), 1, Integer::sum);
        }
        return subjects;
    }

    private static Set<String> orders() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
            while (rs.next()) {
                ids.add("jdbc-" + rs.getInt(1));
            }
        }
        return new TreeSet<>(ids);
    }

    private static Map<String, Long> deliveredByOwner() throws Exception {
        Map<String, Long> owners = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT claim_owner, count(*) FROM mailroom_outbox WHERE state = 'delivered' GROUP BY claim_owner")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getLong(2));
            }
        }
        return owners;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl("mailroom"), PostgresCluster.USER, "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
