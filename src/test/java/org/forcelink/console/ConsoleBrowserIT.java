package org.forcelink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.forcelink.replay.DeadLetters;
import org.forcelink.tracking.Hub;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real headless Chromium against the whole hub: each role logs in, an operator finds a
 * record by custody number and opens its lineage and personal data with a reason, dry-runs and replays a
 * dead letter, and a force-scoped operator cannot see another force's record. Each page is photographed
 * into target/screenshots/.
 */
class ConsoleBrowserIT extends ConsoleHub {

    @Test
    void eachRoleLogsInAndSeesTheOverview() {
        List<String[]> logins = List.of(new String[] {"viewer", "viewer (viewer)"},
                new String[] {"operator", "operator (operator, viewer)"},
                new String[] {"admin", "admin (admin, operator, viewer)"},
                new String[] {"kent-operator", "kent-operator (operator, viewer, kent only)"});
        for (String[] login : logins) {
            try (Browser browser = new Browser(baseUrl())) {
                browser.logIn(login[0], Hub.PASSWORDS.get(login[0]));
                assertThat(browser.text("who")).isEqualTo(login[1]);
                assertThat(browser.text("routes-table")).contains("canonical-dispatch", "pnd-out",
                        "custody-health-out");
                assertThat(browser.text("recipients-table")).contains("pnd", "custody-health");
                if (login[0].equals("admin")) {
                    browser.screenshot("overview");
                }
            }
        }
    }

    @Test
    void wrongPasswordStaysOnTheLoginPage() {
        try (Browser browser = new Browser(baseUrl())) {
            browser.open("/console/");
            browser.find("username").sendKeys("viewer");
            browser.driver().findElement(By.id("password")).sendKeys("not-the-password");
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.wait.until(ExpectedConditions.urlContains("/login?error"));
            browser.screenshot("login-refused");
        }
    }

    @Test
    void findsARecordByCustodyNumberAndOpensItsLineageAndPersonalData() {
        String custodyNumber = Hub.unique("46MA/");
        String pnc = Hub.pncId();
        String body = Hub.custodyRecord(custodyNumber, pnc).replace("\"Brannigan\"", "\"<img src=x onerror=alert(1)>\"");
        String messageId = accepted("custody", KENT, body).get("messageId").asText();
        journeysWritten();

        try (Browser browser = new Browser(baseUrl())) {
            browser.logIn("operator", Hub.PASSWORDS.get("operator"));
            browser.go("#search", "search");
            browser.find("search-key").sendKeys(custodyNumber);
            browser.find("search-go").click();
            WebElement link = browser.wait.until(ExpectedConditions.elementToBeClickable(By.className("record-link")));
            assertThat(browser.driver().findElements(By.className("record-link"))).hasSize(1);
            assertThat(link.getText()).isEqualTo(messageId);
            browser.screenshot("search");

            link.click();
            browser.pageLoaded("record");
            assertThat(browser.text("summary-table")).contains("kent", "custody", "custody");
            assertThat(browser.text("timeline-table")).contains("received");
            assertThat(browser.text("masked-note"))
                    .isEqualTo("Personal data is hidden. Give a reason to view this record; the view is logged.");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain(pnc);

            browser.find("lineage-open").click();
            assertThat(browser.find("lineage").getAttribute("open")).isNotNull();
            browser.screenshot("record-lineage");

            browser.find("view-reason").sendKeys("custody welfare check 4471");
            browser.find("view-go").click();
            String canonical = browser.text("canonical-table");
            assertThat(canonical).contains(custodyNumber, pnc, "<img src=x onerror=alert(1)>");
            assertThat(browser.driver().findElements(By.cssSelector("#canonical-table img"))).isEmpty();
            browser.screenshot("record-personal-data");
        }

        JsonNode views = Hub.json(getAs("operator", "/api/v1/messages/" + messageId + "/views").body());
        assertThat(views.toString()).contains("custody welfare check 4471", "\"actor\":\"operator\"");
    }

    @Test
    void dryRunsAndReplaysADeadLetter() throws Exception {
        DeadLetters deadLetters = bean(DeadLetters.class);
        assertThat(deadLetters.count("pnd")).isZero();
        String messageId;
        pndOutage().down();
        try {
            messageId = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId()))
                    .get("messageId").asText();
            await().atMost(DELIVERY).until(() -> deadLetters.count("pnd") == 1);
        } finally {
            pndOutage().up();
        }
        journeysWritten();

        try (Browser browser = new Browser(baseUrl())) {
            browser.logIn("operator", Hub.PASSWORDS.get("operator"));
            await().atMost(DELIVERY).until(() -> bean(AlertMonitor.class).active().stream()
                    .anyMatch(alert -> alert.key().equals("dead-letters:pnd")));
            browser.driver().navigate().refresh();
            browser.pageLoaded("overview");
            assertThat(browser.text("alerts-table")).contains("dead-letters", "pnd", "1 dead letters");
            browser.screenshot("overview-alert");

            browser.go("#dead-letters?recipient=pnd", "dead-letters");
            assertThat(browser.text("dead-letters-table")).contains(messageId, "kent", "crime");
            browser.find("replay-reason").sendKeys("PND back after outage");
            browser.find("dry-run").click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-status"), "PLANNED"));
            assertThat(browser.text("job-status"))
                    .isEqualTo("Status PLANNED: 1 to send, 0 to skip, 0 errors; sent 0, failed 0");
            assertThat(browser.text("plan-table")).contains(messageId, "pnd", "SEND");
            assertThat(deadLetters.count("pnd")).as("a dry run takes nothing").isEqualTo(1);
            browser.screenshot("dead-letters-dry-run");

            browser.find("replay").click();
            browser.wait.withTimeout(Duration.ofSeconds(40)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("job-status"), "COMPLETED"));
            assertThat(browser.text("job-status"))
                    .isEqualTo("Status COMPLETED: 1 to send, 0 to skip, 0 errors; sent 1, failed 0");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters-table"),
                    "No dead letters"));
            browser.screenshot("dead-letters-replayed");
        }
        assertThat(deadLetters.count("pnd")).isZero();
        await().atMost(DELIVERY).until(() -> Files.exists(feedFile("pnd", messageId)));
        JsonNode audit = Hub.json(getAs("admin", "/api/v1/ops/audit").body());
        assertThat(audit.toString()).contains("\"actor\":\"operator\",\"action\":\"POST\",\"target\":\"/api/v1/replays\"",
                "\"action\":\"LOGIN\"");
    }

    @Test
    void forceScopedOperatorCannotSeeAnotherForcesRecord() {
        String pnc = Hub.pncId();
        String kent = accepted("custody", KENT, Hub.custodyRecord(Hub.unique("46MA/"), pnc)).get("messageId").asText();
        String essexNumber = Hub.unique("42CH/");
        String essex = accepted("custody", ESSEX, Hub.custodyRecord(essexNumber, pnc)).get("messageId").asText();
        journeysWritten();

        try (Browser browser = new Browser(baseUrl())) {
            browser.logIn("kent-operator", Hub.PASSWORDS.get("kent-operator"));
            browser.go("#search?key=" + pnc.replace("/", "%2F"), "search");
            assertThat(browser.driver().findElements(By.className("record-link"))).extracting(WebElement::getText)
                    .containsExactly(kent);
            browser.go("#search?key=" + essexNumber.replace("/", "%2F"), "search");
            assertThat(browser.text("search-results")).contains("No record carries that key");

            browser.script("window.location.hash = arguments[0]", "#record/" + essex);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "no record " + essex));
            browser.screenshot("force-scoped-refused");
        }
    }
}
