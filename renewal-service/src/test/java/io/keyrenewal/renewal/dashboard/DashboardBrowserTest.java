package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.RenewalDriver;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in a real browser: Debian's Chromium, headless, driven through chromedriver. Real renewals run
 * while the page is open, and their events and who must act appear on it as they happen.
 */
// a context of its own: it moves the service's clock 4 days on, which would make others' deadlines fall due
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard-browser;DB_CLOSE_DELAY=-1",
        "keyrenewal.clock.movable=true",
        "keyrenewal.deadlines.polling-interval=PT0.5S"})
@KafkaTestBroker(partitions = 1)
@EnabledIf(value = "browserInstalledOrRequired", disabledReason = "Browser test skipped: "
        + DashboardBrowserTest.MISSING + "; set " + DashboardBrowserTest.REQUIRED + "=true to make this a failure")
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String REQUIRED = "KEYRENEWAL_BROWSER_REQUIRED";
    static final String MISSING = "/usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get install -y"
            + " --no-install-recommends chromium chromium-driver)";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PLAYBOOK_3 = "TENANT_DECRYPTS_OUTBOUND_RESPONSE";

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    Clock clock;

    WebDriver browser;
    Http http;
    RenewalDriver renewals;

    /** Runs where the browser is installed, or where it is required (and then fails without it). */
    static boolean browserInstalledOrRequired() {
        if (browserInstalled() || "true".equalsIgnoreCase(System.getenv(REQUIRED))) {
            return true;
        }
        System.err.println("DashboardBrowserTest skipped: " + MISSING + "; set " + REQUIRED
                + "=true to make this a failure");
        return false;
    }

    @BeforeAll
    static void requiredBrowserInstalled() {
        if (!browserInstalled()) {
            fail(REQUIRED + "=true but " + MISSING);
        }
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        http = new Http("http://127.0.0.1:" + port);
        renewals = new RenewalDriver(http, kafka);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheEventsOfRealRenewalsAndWhoMustActAsTheyHappen() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/dashboard");
        // the dashboard is behind the login form of the local profile
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("auditor");
        browser.findElement(By.id("password")).sendKeys(Http.LOCAL_PASSWORDS.get("auditor"));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.getCurrentUrl()).endsWith("/dashboard/"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#status")).isEqualTo("live"));

        // an alias nothing happens to: its row comes with the periodic reload of the inventory, as no renewal event
        // brings one (the page again, reloading the aliases every 2 s rather than every minute)
        browser.get("http://127.0.0.1:" + port + "/dashboard/?aliasesRefreshSeconds=2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#status")).isEqualTo("live"));
        Instant now = clock.instant();
        kafka.send(Records.record(Topics.ALIAS_CERTIFICATES, "browser-quiet", new AliasCertificate("browser-quiet",
                AliasKind.KEY_PAIR, new CertificateSummary(new Fingerprint("ce".repeat(32)), "CN=browser-quiet",
                "CN=browser-quiet", "q1", now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(200))), 1,
                now))).join();
        await().atMost(WAIT).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() ->
                assertThat(browser.findElement(By.cssSelector("#aliases tr[data-alias='browser-quiet'] td.days-left"))
                        .getText()).isIn("199", "200"));

        // the keystore publishes the alias's certificate, 20 days from its expiry: the watch reports the 30-day tier
        kafka.send(Records.record(Topics.ALIAS_CERTIFICATES, "browser-decrypt", new AliasCertificate("browser-decrypt",
                AliasKind.KEY_PAIR, new CertificateSummary(new Fingerprint("cd".repeat(32)), "CN=browser-decrypt",
                "CN=browser-decrypt", "b1", now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(20))), 1,
                now))).join();
        String renewalId = renewals.start("browser-decrypt");
        String started = awaitEvent(renewalId, "RenewalStarted").getAttribute("data-event-id");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cell(renewalId, "next-actors")).isEqualTo("keystore");
            assertThat(text("#open-count")).isEqualTo("1");
        });
        assertThat(cell(renewalId, "playbook")).as("named as the catalogue (GET /playbooks) names it")
                .isEqualTo("3 · decrypts outbound response");

        renewals.keyPairGenerated(renewalId, "browser-decrypt", started);
        awaitEvent(renewalId, "NewKeyPairCreated");
        awaitEvent(renewalId, "CertificateProvided");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cell(renewalId, "next-actors")).isEqualTo("partner");
            assertThat(cell(renewalId, "awaiting")).isEqualTo("partner switched to new key");
            assertThat(stepCount(PLAYBOOK_3, "PARTNER_SWITCHED_TO_NEW_KEY")).isEqualTo("1");
        });

        renewals.advanceClock(Duration.ofDays(4));
        awaitEvent(renewalId, "PartnerStepOverdue");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(row(renewalId).getAttribute("class")).contains("late");
            assertThat(cell(renewalId, "late-flag")).isEqualTo("overdue");
            assertThat(text("#late-count")).isEqualTo("1");
        });
        // the inventory, reloaded with the stream's events: the alias expires in 15-16 days, its renewal under way
        // (a reload replaces the rows while they are read, and the row is there only after the first)
        await().atMost(WAIT).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() -> {
            WebElement alias = browser.findElement(By.cssSelector("#aliases tr[data-alias='browser-decrypt']"));
            assertThat(alias.getAttribute("class")).contains("expiring");
            assertThat(alias.findElement(By.cssSelector("td.days-left")).getText()).isIn("15", "16");
            assertThat(alias.findElement(By.cssSelector("td.tier")).getText()).isEqualTo("30");
            assertThat(alias.findElement(By.cssSelector("td.open-renewal")).getText())
                    .contains(renewalId.substring(0, 8));
        });
        screenshot("dashboard-overdue.png");

        String aborted = renewals.start("browser-aborted");
        await().atMost(WAIT).untilAsserted(() -> assertThat(text("#open-count")).isEqualTo("2"));
        assertThat(http.as("tenant-admin").post("/renewals/" + aborted + "/abort",
                "{\"reason\":\"started by mistake\"}").statusCode()).isEqualTo(200);
        WebElement abort = awaitEvent(aborted, "RenewalAborted");
        assertThat(abort.getText()).contains("tenant tenant-admin");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector("#renewals tr[data-renewal-id='" + aborted + "']")))
                    .isEmpty();
            assertThat(text("#open-count")).isEqualTo("1");
        });

        renewals.partnerConfirms(renewalId, ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(awaitEvent(renewalId, "PartnerSwitchedToNewKey").getText()).contains("partner acme");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cell(renewalId, "next-actors")).isEqualTo("system");
            assertThat(row(renewalId).getAttribute("class")).doesNotContain("late");
            assertThat(text("#late-count")).isEqualTo("0");
            assertThat(stepCount(PLAYBOOK_3, "OLD_KEY_PAIR_REMOVAL_DECIDED")).isEqualTo("1");
        });
        screenshot("dashboard-partner-switched.png");

        browser.navigate().refresh();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(text("#status")).isEqualTo("live");
            assertThat(cell(renewalId, "next-actors")).isEqualTo("system");
            assertThat(eventTypes(renewalId)).containsExactly("PartnerSwitchedToNewKey", "PartnerStepOverdue",
                    "CertificateProvided", "NewKeyPairCreated", "RenewalStarted");
        });
    }

    /** Keeps what the page looked like in target/, for a person to look at. */
    private void screenshot(String name) throws IOException {
        Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private WebElement awaitEvent(String renewalId, String type) {
        By event = By.cssSelector("#events li[data-renewal-id='" + renewalId + "'][data-type='" + type + "']");
        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.findElements(event)).hasSize(1));
        return browser.findElement(event);
    }

    private List<String> eventTypes(String renewalId) {
        return browser.findElements(By.cssSelector("#events li[data-renewal-id='" + renewalId + "']")).stream()
                .map(item -> item.getAttribute("data-type")).toList();
    }

    private WebElement row(String renewalId) {
        return browser.findElement(By.cssSelector("#renewals tr[data-renewal-id='" + renewalId + "']"));
    }

    private String cell(String renewalId, String column) {
        return row(renewalId).findElement(By.cssSelector("td." + column)).getText();
    }

    private String stepCount(String playbook, String step) {
        return browser.findElement(By.cssSelector("#by-playbook tr[data-playbook='" + playbook + "'][data-step='"
                + step + "'] td.count")).getText();
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }
}
