package org.newsgraph.graphiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * GraphiQL in a real browser: headless Debian Chromium, driven by Selenium through
 * {@code /usr/bin/chromedriver} (so Selenium Manager downloads nothing), opens {@code /graphiql} on the
 * test server, runs the default traversal query with the run button and reads the rendered result. The
 * page loads nothing from another host (checked with the browser's resource timing), so GraphiQL needs
 * no CDN. Fails loudly when Chromium or chromedriver is missing.
 */
@IntegrationTest
class GraphiQlBrowserIT {

    /** How long to wait for the page to do something before failing (a hang guard, not a timed assertion). */
    static final Duration PATIENCE = Duration.ofMinutes(5);

    static final Path CHROMIUM = Path.of(System.getProperty("newsgraph.chromium", "/usr/bin/chromium"));

    static final Path CHROMEDRIVER = Path.of(System.getProperty("newsgraph.chromedriver", "/usr/bin/chromedriver"));

    @LocalServerPort
    int port;

    WebDriver browser;

    Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("""
                    ====================================================================================
                    Chromium or chromedriver is missing (%s, %s): the GraphiQL browser test cannot run.
                    Install them: apt-get install -y chromium chromium-driver
                    ====================================================================================""", CHROMIUM, CHROMEDRIVER);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("newsgraph-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,3000",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        // Patience, not a measurement: on a loaded 2-core machine a script in the page can take minutes.
        browser.manage().timeouts().scriptTimeout(PATIENCE);
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void graphiQl_runsTheDefaultTraversalQuery_andRendersDemoNames_withoutAnyOtherHost() {
        String origin = "http://localhost:" + port;
        browser.get(origin + "/graphiql");
        var wait = new WebDriverWait(browser, PATIENCE);

        WebElement run = wait.until((driver) -> driver.findElements(By.cssSelector(".graphiql-execute-button")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
        // the query editor holds the default traversal query once Monaco is up
        wait.until((driver) -> editorText(driver).contains("ActorTraversal"));
        run.click();

        String result = wait.until((driver) -> {
            String text = responseText(driver);
            return text.contains("\"data\"") ? text : null;
        });
        // Monaco wraps long lines and renders the visible ones only: compare without whitespace
        String rendered = result.replaceAll("[\\s\\u00a0]+", ""); // Monaco renders spaces as no-break spaces
        assertThat(rendered)
                .contains("\"name\":\"VolodymyrZelensky\"")
                .contains("\"statements\":")
                .contains("\"participantsConnection\":")
                .contains("\"role\":")
                .doesNotContain("\"errors\"");

        @SuppressWarnings("unchecked")
        var resources = (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources)
                .as("resources the page loaded")
                .isNotEmpty()
                .allMatch((url) -> url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:"));
        assertThat(resources).anyMatch((url) -> url.startsWith(origin + "/graphql"));
    }

    @Test
    void graphiQl_offersTheContractOperationsAsExamples() {
        browser.get("http://localhost:" + port + "/graphiql/");
        var wait = new WebDriverWait(browser, PATIENCE);
        WebElement examples =
                wait.until((driver) -> driver.findElements(By.cssSelector("[aria-label='Show Examples']")).stream()
                        .findFirst()
                        .orElse(null));
        examples.click();
        String list = wait.until((driver) -> {
            var items = driver.findElements(By.cssSelector(".newsgraph-examples-item"));
            return items.isEmpty()
                    ? null
                    : String.join(",", items.stream().map(WebElement::getText).toList());
        });
        assertThat(list)
                .contains("ActorTraversal")
                .contains("ArticleWithStatements")
                .contains("StatementPage");
    }

    static String editorText(WebDriver driver) {
        Object text = ((JavascriptExecutor) driver)
                .executeScript(
                        "const e = document.querySelector('.graphiql-query-editor'); return e ? e.innerText : ''");
        return String.valueOf(text);
    }

    static String responseText(WebDriver driver) {
        Object text = ((JavascriptExecutor) driver).executeScript("""
                const r = document.querySelector('.graphiql-response');
                return r ? r.innerText : '';
                """);
        return String.valueOf(text);
    }
}
