package io.mailroom.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample page in real headless Chromium, against each server the build starts before the
 * integration tests (Liberty's {@code mailroom-sample-it}, then WildFly, on free ports, the URL in
 * {@code sample.url}):
 * what a newcomer does on the page, and what then shows in the development SMTP server's inbox.
 * <p>
 * Uses Debian's {@code chromium} and {@code chromium-driver} packages, never a downloaded browser
 * or driver. Where they are not installed, every test is skipped, never passed. Without
 * {@code sample.url} it opens http://localhost:9080/, the sample that {@code mvn -Prun} runs.
 */
class SampleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PAGE = SampleServer.PAGE;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("sample.screenshots", "target/screenshots"));
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void openSamplePage() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver to run the browser test");
        SampleServer.awaitPage();
        profile = Files.createTempDirectory("mailroom-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,1400",
                        "--user-data-dir=" + profile);
        // An explicit driver: Selenium Manager is never asked to find or download one.
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        browser.get(PAGE);
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) throws IOException {
        try {
            if (browser != null) {
                Files.createDirectories(SCREENSHOTS);
                Path png = SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png");
                Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (profile != null) {
                deleteRecursively(profile);
            }
        }
    }

    @Test
    void committedMessageAppearsInTheInbox() {
        String subject = unique("Committed");

        compose(subject, false);

        assertShows("result", "Committed: message .+ is queued for delivery\\.");
        awaitInboxSubject(subject);
    }

    @Test
    void rolledBackMessageNeverReachesTheInbox() {
        String rolledBack = unique("Rolled back");
        String marker = unique("Sent after the rollback");

        compose(rolledBack, true);
        assertShows("result", "The message failed on purpose after sending: the transaction rolled back and the mail"
                + " was discarded");
        compose(marker, false);
        awaitInboxSubject(marker);

        assertFalse(inboxSubjects().contains(rolledBack), "inbox: " + inboxSubjects());
    }

    @Test
    void placedOrderIsListedAndConfirmedByMail() {
        String item = unique("Espresso machine");

        fill("item", item);
        browser.findElement(By.cssSelector("#order button[type=submit]")).click();
        String id = assertShows("orderResult", "Order (\\d+) saved; its confirmation mail leaves with the commit\\.")
                .group(1);

        awaitInboxSubject("Order " + id + " confirmed");
        List<String> row = await(() -> "a row for " + item + " in the orders table", d -> strings(
                "return Array.from(document.querySelectorAll('#orders tr'), r => Array.from(r.cells, c => c.textContent))"
                        + ".find(cells => cells[2] === arguments[0])", item));
        assertEquals(List.of(id, "customer@example.com", item, "1"), row);
    }

    @Test
    void aFailedOrderSaysTheOrderWasNotSavedAndItsMailDiscarded() {
        String item = unique("Rolled back machine");

        fill("item", item);
        browser.findElement(By.id("orderFail")).click();
        browser.findElement(By.cssSelector("#order button[type=submit]")).click();

        assertShows("orderResult", "The order failed on purpose after saving: the transaction rolled back, so the order"
                + " was not saved and its confirmation mail was discarded");
        assertFalse(strings("return Array.from(document.querySelectorAll('#orders td'), c => c.textContent)").contains(item));
    }

    @Test
    void theInboxShowsNewestFirstWithThePlainSenderAddress() {
        // GreenMail lists its messages mailbox by mailbox: two recipients, one of them twice, tell
        // that order from the order of arrival.
        String first = unique("First");
        String second = unique("Second");
        String third = unique("Third");

        fill("to", "adam@example.com");
        compose(first, false);
        awaitInboxSubject(first);
        fill("to", "zoe@example.com");
        compose(second, false);
        awaitInboxSubject(second);
        fill("to", "adam@example.com");
        compose(third, false);
        awaitInboxSubject(third);

        List<String> subjects = inboxSubjects();
        assertTrue(subjects.indexOf(third) < subjects.indexOf(second) && subjects.indexOf(second) < subjects.indexOf(first),
                "newest first: " + subjects);
        String meta = (String) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#inbox div.message'))"
                        + ".find(m => m.querySelector('h3').textContent === arguments[0]).querySelector('.meta').textContent",
                third);
        assertTrue(meta.startsWith("From mailroom@localhost to adam@example.com"), meta);
    }

    @Test
    void anOpenedMimeSourceStaysOpenWhileTheInboxRefreshes() throws InterruptedException {
        String subject = unique("Source");
        compose(subject, false);
        awaitInboxSubject(subject);
        String openIt = "const m = Array.from(document.querySelectorAll('#inbox div.message'))"
                + ".find(m => m.querySelector('h3').textContent === arguments[0]);"
                + "m.querySelector('summary').click(); return m.querySelector('details').open;";
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript(openIt, subject));

        // Three refreshes of the page's 1.5 s cycle, with a new message arriving in between.
        String other = unique("Meanwhile");
        compose(other, false);
        awaitInboxSubject(other);
        Thread.sleep(4_500);

        Object open = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#inbox div.message'))"
                        + ".find(m => m.querySelector('h3').textContent === arguments[0]).querySelector('details').open",
                subject);
        assertEquals(Boolean.TRUE, open, "the MIME source closed again");
    }

    /** Fills the compose form with the given subject and sends it, failing after sending if asked. */
    private void compose(String subject, boolean failAfterSending) {
        fill("subject", subject);
        WebElement fail = browser.findElement(By.id("fail"));
        if (fail.isSelected() != failAfterSending) {
            fail.click();
        }
        browser.findElement(By.id("send")).click();
    }

    private void fill(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Waits for the element {@code id} to show a result, then asserts that the whole text matches.
     *
     * @return the match, for its groups
     */
    private MatchResult assertShows(String id, String regex) {
        String shown = await(() -> "a result in #" + id, d -> {
            String text = text(id);
            return text.isBlank() ? null : text;
        });
        Matcher matcher = Pattern.compile(regex).matcher(shown);
        assertTrue(matcher.matches(), () -> "#" + id + " shows '" + shown + "', expected " + regex);
        return matcher.toMatchResult();
    }

    private void awaitInboxSubject(String subject) {
        await(() -> "'" + subject + "' in the inbox, which shows " + inboxSubjects(),
                d -> inboxSubjects().contains(subject));
    }

    /** @return the condition's first value that is neither null nor false, within {@link #PATIENCE} */
    private <T> T await(Supplier<String> what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).withMessage(() -> "waited for " + what.get()).until(condition);
    }

    /**
     * The subjects the inbox shows now. Read in one script, as the page re-renders the inbox every
     * 1.5 s and elements found a moment earlier may already be gone.
     */
    private List<String> inboxSubjects() {
        return strings("return Array.from(document.querySelectorAll('#inbox div.message h3'), h => h.textContent)");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String script, Object... arguments) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
