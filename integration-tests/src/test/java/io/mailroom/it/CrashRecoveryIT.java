package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills the server (Open Liberty or WildFly) with SIGKILL at random moments while it commits and
 * rolls back transactional sends, restarts it each time, lets the outbox drain, and counts what arrived.
 * A message whose commit the application acknowledged must arrive; a rolled-back one must not.
 * Runs outside the server: the server is the thing being killed. Bounded: a fixed number of
 * kills, each after at most a few seconds of load, and a hard timeout on the whole test.
 */
class CrashRecoveryIT {
    private static final int KILLS = 3;
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

    private GreenMail smtp;
    private ServerProcess server;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("crash.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.kill();
        }
        smtp.stop();
    }

    @Test
    @Timeout(value = 9, unit = java.util.concurrent.TimeUnit.MINUTES)
    void noCommittedMessageIsLostAndNoRolledBackMessageIsSentAcrossKills() throws Exception {
        server = ServerProcess.crashServer();
        // For WildFly: the manifest entry gives the application the standalone adapter's API and
        // jboss-web.xml its context root. Liberty ignores both: its server.xml sets the class
        // provider and the context root.
        server.deploy(ShrinkWrap.create(WebArchive.class, "crash-load.war")
                .addClasses(CrashLoadServlet.class, ItServer.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.mailroom.rar\n"))
                .addAsWebInfResource(new StringAsset("<jboss-web><context-root>/crash</context-root></jboss-web>"),
                        "jboss-web.xml"));
        CrashLoad load = new CrashLoad(server.baseUri());
        Random random = new Random();

        for (int kill = 1; kill <= KILLS; kill++) {
            server.start(new File("target/crash-" + ItServer.name() + "-" + kill + ".log"));
            // The first second after a start is warm-up (class loading, recovery); kill later, at a random moment.
            load.runFor(Duration.ofMillis(4000 + random.nextInt(4000)), () -> server.kill());
        }
        server.start(new File("target/crash-" + ItServer.name() + "-final.log"));
        load.runFor(Duration.ofSeconds(4), () -> { });
        server.awaitDrained(DRAIN_LIMIT);

        CrashCount count = CrashCount.of(load, deliveredSubjects());
        System.out.println(count.table());
        assertTrue(load.acknowledgedCommits() > 0, "the load committed nothing: " + count.table());
        assertEquals(0, count.committedLost(), "committed lost");
        assertEquals(0, count.rolledBackDelivered(), "rolled back delivered");
    }

    private Map<String, Integer> deliveredSubjects() throws Exception {
        Map<String, Integer> subjects = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.merge(m.getSubject(), 1, Integer::sum);
        }
        return subjects;
    }
}
