package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The outbox admin page in real headless Chromium on Liberty: an operator signs in, sees a dead
 * letter with the server's reason, requeues it, and sees it gone, while the scripted SMTP server
 * receives it. Uses Debian's {@code chromium} and {@code chromium-driver}, never a downloaded
 * browser or driver; skipped (never passed) where they are not installed. Liberty only (the
 * wildfly execution excludes it); {@link AdminIT} checks the same API on both servers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ScriptedSmtpServer smtp;
    private Path profile;
    private ChromeDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItDeployment.earWithAdmin(ItServer.jndiName("mail/admin"), AdminFixtureServlet.class);
    }

    @BeforeEach
    void openBrowser() throws IOException {
        assumeFalse(ItServer.isWildFly(), "the admin page's browser test runs on Liberty");
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver to run the browser test");
        smtp = ScriptedSmtpServer.start(Integer.parseInt(System.getProperty("mailroom.it.admin.smtp.port")),
                Duration.ofSeconds(30));
        profile = Files.createTempDirectory("mailroom-admin-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void close() throws IOException {
        try {
            if (browser != null) {
                Path shots = Path.of("target/screenshots");
                Files.createDirectories(shots);
                Files.write(shots.resolve("AdminBrowserIT.png"), browser.getScreenshotAs(OutputType.BYTES));
                browser.quit();
            }
        } finally {
            if (smtp != null) {
                smtp.close();
            }
            if (profile != null) {
                try (Stream<Path> paths = Files.walk(profile)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    void anOperatorSignsInSeesADeadLetterRequeuesItAndSeesItGo() throws Exception {
        String to = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        smtp.on(Step.RCPT).matching(to).reply(550, "5.7.1 relaying denied for now").times(1);
        String messageId = AdminApi.enqueue(to, "Requeue me from the page");
        AdminApi api = AdminApi.admin();
        Await.until(() -> {
            try {
                return api.outbox().getJsonArray("deadLetters").stream().map(JsonValue::asJsonObject)
                        .anyMatch(d -> messageId.equals(d.getString("messageId")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        browser.get(AdminApi.base() + AdminApi.ADMIN_PATH + "index.html");
        browser.findElement(By.id("user")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin-secret");
        browser.findElement(By.id("signIn")).click();

        String rowOf = "return Array.from(document.querySelectorAll('#deadLetters tr'))"
                + ".find(r => r.cells[1].textContent === arguments[0])";
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "the dead letter " + messageId + " listed; page says: "
                        + browser.findElement(By.tagName("body")).getText())
                .until(d -> browser.executeScript(rowOf, messageId) != null);
        String reason = (String) browser.executeScript(rowOf.replace("return ", "return (") + ").cells[3].textContent", messageId);
        assertTrue(reason.contains("5.7.1 relaying denied for now"), reason);

        browser.executeScript("return " + rowOf.substring("return ".length())
                + ".querySelector('button[data-action=requeue]').click()", messageId);

        new WebDriverWait(browser, PATIENCE).withMessage(() -> "the dead letter gone from the page")
                .until(d -> browser.executeScript(rowOf, messageId) == null);
        assertTrue(browser.findElement(By.id("status")).getText().contains("requeued"),
                browser.findElement(By.id("status")).getText());
        Await.until(() -> smtp.messages().stream().anyMatch(m -> m.recipients().contains(to)));
    }
}
