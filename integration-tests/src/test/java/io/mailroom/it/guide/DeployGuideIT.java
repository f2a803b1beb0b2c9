package io.mailroom.it.guide;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Five-minute start" and deploy guides, followed as written on a fresh Open Liberty
 * server and a fresh WildFly server (both unpacked by the build): an application that imports
 * {@code mailroom-bom} is built with Maven against Mailroom's artifacts installed into
 * {@code target/guide-repo}, deployed, and sends a committed and a rolled-back message to
 * GreenMail. On WildFly the server is then booted again {@code guide.wildfly.boots} times (10 by
 * default) with the adapter and the application deployed together, each boot checked for a failed
 * deployment and a delivered message: the CDI extension must wait for a factory bound after the
 * application starts. On both servers the outbox admin, {@code mailroom-admin.war}, is deployed as
 * the README's "Outbox admin" says and called as an operator would ({@link GuideOperator}); on
 * WildFly it must answer after every boot too.
 */
class DeployGuideIT {
    private static final Path CHECKOUT = Path.of(System.getProperty("guide.checkout")).normalize();
    private static final Path WORK = Path.of(System.getProperty("guide.work"));
    private static Shell shell;
    private static GreenMail smtp;
    private static GuideShop shop;
    private static Path war;
    private static AdminGuide admin;

    @BeforeAll
    static void buildTheApplication() throws Exception {
        shell = new Shell(WORK.resolve("logs"));
        GuideApp.deleteTree(WORK.resolve("my-app"));
        war = GuideApp.build(CHECKOUT, WORK, Path.of(System.getProperty("guide.repo")),
                Path.of(System.getProperty("guide.maven.repo")), System.getProperty("guide.maven"),
                System.getProperty("guide.version"), shell);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        shop = new GuideShop(smtp);
        admin = new AdminGuide(ReadmeGuide.section(CHECKOUT.resolve("README.md"), "Outbox admin"),
                Path.of(System.getProperty("guide.admin.war")));
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theLibertyGuideDeploysAnApplicationThatSendsOnCommitOnlyAndTheOutboxAdmin() throws Exception {
        LibertyGuide liberty = new LibertyGuide(ReadmeGuide.section(CHECKOUT.resolve("README.md"), "Deploying on Open Liberty"),
                Path.of(System.getProperty("guide.wlp")), CHECKOUT, shell);
        try {
            int httpPort = Integer.getInteger("guide.liberty.http.port");
            String url = liberty.deploy(war, httpPort, smtp.getSmtp().getPort(), shop, admin);
            shop.committedArrivesRolledBackDoesNot(url, "liberty");
            new GuideOperator("http://localhost:" + httpPort).pauseFindResume(shop, url, "liberty");
        } finally {
            liberty.stop();
        }
    }

    @Test
    void theWildFlyGuideDeploysAnApplicationThatSendsOnCommitOnlyAndTheOutboxAdminAtEveryBoot() throws Exception {
        WildFlyGuide wildfly = new WildFlyGuide(ReadmeGuide.section(CHECKOUT.resolve("README.md"), "Deploying on WildFly"),
                Path.of(System.getProperty("guide.jboss.home")), CHECKOUT, WORK.resolve("wildfly-base"),
                Integer.getInteger("guide.wildfly.http.port"), shell);
        int port = smtp.getSmtp().getPort();
        try {
            wildfly.deploy(war, port, shop);
            shop.committedArrivesRolledBackDoesNot(wildfly.appUrl(), "wildfly");
            wildfly.deployAdmin(admin);
            GuideOperator operator = new GuideOperator(wildfly.base());
            operator.pauseFindResume(shop, wildfly.appUrl(), "wildfly");
            int boots = Integer.getInteger("guide.wildfly.boots", 10);
            for (int boot = 1; boot <= boots; boot++) {
                try {
                    wildfly.reboot(port, shop);
                    shop.committedArrives(wildfly.appUrl(), "wildfly boot " + boot);
                    new GuideOperator(wildfly.base()).awaitOutbox("wildfly boot " + boot); // ports may move at a boot
                } catch (AssertionError e) {
                    throw new AssertionError("boot " + boot + " of " + boots + ": " + e.getMessage(), e);
                }
            }
        } finally {
            wildfly.stop();
        }
    }
}
