package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.testsupport.ScriptedSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.Properties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the server (Open Liberty or WildFly) with SIGKILL at random moments while it commits and
 * rolls back transactional sends, restarts it each time, lets the outbox drain, and counts what arrived.
 * A message whose commit the application acknowledged must arrive; a rolled-back one must not; the
 * two halves of a two-phase transaction arrive both or neither; outcomes the application never
 * learnt are counted on their own; the in-doubt branches each start finds are counted, and all
 * must be resolved by the transaction manager's recovery before the outbox counts as drained.
 * Runs outside the server: the server is the thing being killed. Bounded: {@code crash.kills}
 * kills (3 by default; 100 with {@code -Pcrash-soak}), each after at most a few seconds of load,
 * and a hard timeout on the whole test.
 *
 * <p>The SMTP server (test-support's scripted one, which records a message only once its final dot
 * or last chunk came whole) offers PIPELINING, and CHUNKING too on WildFly's run, so the delivery
 * workers send queued messages in turn, each going out before the previous one's replies were
 * read: the kills also land between a message on the wire and its record (through DATA on
 * Liberty, with BDAT on WildFly).
 */
class CrashRecoveryIT {
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);
    /** Each kill cycle takes well under a minute (a start, at most 8 s of load); the drain at most three. */
    private static final Duration TIME_LIMIT = Duration.ofMinutes(6L + KILLS);

    private ScriptedSmtpServer smtp;
    private ServerProcess server;

    @BeforeEach
    void startSmtp() throws Exception {
        smtp = ScriptedSmtpServer.start(Integer.getInteger("crash.smtp.port"), Duration.ofMinutes(10)).offerPipelining();
        if ("wildfly".equals(ItServer.name())) {
            smtp.offerChunking();
        }
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.kill();
        }
        smtp.close();
    }

    @Test
    void noCommittedMessageIsLostAndNoRolledBackMessageIsSentAcrossKills() {
        assertTimeoutPreemptively(TIME_LIMIT, this::killRestartAndCount);
    }

    private void killRestartAndCount() throws Exception {
        server = ServerProcess.crashServer();
        // For WildFly: the manifest entry gives the application the standalone adapter's API and
        // jboss-web.xml its context root. Liberty ignores both: its server.xml sets the class
        // provider and the context root.
        server.deploy(ShrinkWrap.create(WebArchive.class, "crash-load.war")
                .addClasses(CrashLoadServlet.class, TransactionEnd.class, ItServer.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.mailroom.rar\n"))
                .addAsWebInfResource(new StringAsset("<jboss-web><context-root>/crash</context-root></jboss-web>"),
                        "jboss-web.xml"));
        CrashLoad load = new CrashLoad(server.baseUri());
        Random random = new Random();
        List<Long> inDoubtAfterStart = new ArrayList<>();

        for (int kill = 1; kill <= KILLS; kill++) {
            server.start(new File("target/crash-" + ItServer.name() + "-" + (kill <= 5 ? kill : "n") + ".log"));
            inDoubtAfterStart.add(server.inDoubt());
            // The first second after a start is warm-up (class loading, recovery); kill later, at a random moment.
            load.runFor(Duration.ofMillis(4000 + random.nextInt(4000)), () -> server.kill());
        }
        server.start(new File("target/crash-" + ItServer.name() + "-final.log"));
        inDoubtAfterStart.add(server.inDoubt());
        load.runFor(Duration.ofSeconds(4), () -> { });
        server.awaitDrained(DRAIN_LIMIT); // nothing queued, deferred or in doubt: recovery resolved every branch

        CrashCount count = CrashCount.of(load, deliveredSubjects(), inDoubtAfterStart);
        System.out.println(count.table());
        assertTrue(load.acknowledgedCommits() > 0, "the load committed nothing: " + count.table());
        assertEquals(0, count.committedLost(), "committed lost" + count.table());
        assertEquals(0, count.rolledBackDelivered(), "rolled back delivered" + count.table());
        assertEquals(0, count.pairsSplit(), "two-phase halves split" + count.table());
        assertEquals(0, server.inDoubt(), "in doubt after the drain" + count.table());
    }

    private Map<String, Integer> deliveredSubjects() throws Exception {
        Map<String, Integer> subjects = new HashMap<>();
        Session session = Session.getInstance(new Properties());
        for (ScriptedSmtpServer.Message m : smtp.messages()) {
            subjects.merge(new MimeMessage(session, new ByteArrayInputStream(m.data())).getSubject(), 1, Integer::sum);
        }
        return subjects;
    }
}
