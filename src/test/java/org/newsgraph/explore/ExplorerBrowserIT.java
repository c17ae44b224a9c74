package org.newsgraph.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The explorer at {@code /explore} in headless Debian Chromium (Selenium through {@code /usr/bin/chromedriver}):
 * search, an actor page with its timeline chart, network graph and statements, a click on a network node,
 * an event page; every request stays on the origin and every GraphQL request is a persisted query.
 * With {@code -Dnewsgraph.explorer.screenshots=DIR} it also saves the pages as PNGs (the README's pictures).
 */
@IntegrationTest
class ExplorerBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("newsgraph.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("newsgraph.chromedriver", "/usr/bin/chromedriver"));
    static final String SCREENSHOTS = System.getProperty("newsgraph.explorer.screenshots");

    @LocalServerPort
    int port;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(
                    "Chromium or chromedriver is missing (%s, %s): apt-get install -y chromium chromium-driver",
                    CHROMIUM, CHROMEDRIVER);
        }
        profile = Files.createTempDirectory("newsgraph-explorer-");
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
                "--window-size=1280,1400",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
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

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws Exception {
        if (SCREENSHOTS != null) {
            Files.createDirectories(Path.of(SCREENSHOTS));
            Files.write(
                    Path.of(SCREENSHOTS, name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void explorer_searchesOpensAnActor_clickOnANetworkNodeOpensThatActor_allOnThisOrigin() throws Exception {
        String origin = "http://localhost:" + port;
        browser.get(origin + "/explore");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        WebElement input = wait.until(d -> d.findElements(By.cssSelector("[data-testid=search-input]")).stream()
                .findFirst()
                .orElse(null));
        input.sendKeys("Zelensky\n");
        WebElement result = wait.until(d -> d.findElements(By.linkText("Volodymyr Zelensky PERSON")).stream()
                .findFirst()
                .orElse(null));
        screenshot("explorer-search");
        result.click();

        wait.until(d -> d.findElements(By.cssSelector("[data-testid=actor-name]")).stream()
                .anyMatch(e -> e.getText().equals("Volodymyr Zelensky")));
        wait.until(d ->
                !d.findElements(By.cssSelector("[data-testid=timeline-point]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-testid=statements]"))
                        .getText())
                .contains("It is against our constitution.")
                .contains("Rubio pulls out of London talks");
        assertThat(browser.findElements(By.cssSelector("[data-testid=network-list] li")))
                .isNotEmpty();
        wait.until(
                d -> js("return window.__explorerGraph ? window.__explorerGraph.nodes().length : 0") instanceof Long n
                        && n > 1);
        screenshot("explorer-actor");

        // A real click on a node of the graph (its position from Cytoscape.js) opens that actor.
        @SuppressWarnings("unchecked")
        var node = (Map<String, Object>) js("""
                const cy = window.__explorerGraph;
                const n = cy.nodes().filter(n => !n.data('center'))[0];
                const p = n.renderedPosition();
                const box = cy.container().getBoundingClientRect();
                return {label: n.data('label'), x: p.x, y: p.y, width: box.width, height: box.height};""");
        WebElement graph = browser.findElement(By.cssSelector("[data-testid=network-graph]"));
        new Actions(browser)
                .moveToElement(
                        graph,
                        (int) Math.round(((Number) node.get("x")).doubleValue()
                                - ((Number) node.get("width")).doubleValue() / 2),
                        (int) Math.round(((Number) node.get("y")).doubleValue()
                                - ((Number) node.get("height")).doubleValue() / 2))
                .click()
                .perform();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=actor-name]")).stream()
                .anyMatch(e -> e.getText().equals(node.get("label"))));
        assertThat(browser.getCurrentUrl()).contains("#/actor/");

        // An event page: participants by role, coverage by outlet.
        browser.get(origin + "/explore/#/");
        js("window.location.hash = '#/'");
        WebElement again = wait.until(d -> d.findElements(By.cssSelector("[data-testid=search-input]")).stream()
                .findFirst()
                .orElse(null));
        again.sendKeys("London talks\n");
        WebElement event = wait.until(d -> d.findElements(By.partialLinkText("London talks")).stream()
                .filter(e -> e.getText().contains("TALKS") || e.getText().contains("MEETING"))
                .findFirst()
                .orElse(null));
        event.click();
        wait.until(d ->
                !d.findElements(By.cssSelector("[data-testid=event-title]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-testid=participants]"))
                        .getText())
                .contains("Marco Rubio")
                .contains("Keith Kellogg");
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=coverage]"))
                .getText()
                .contains("CNN"));
        screenshot("explorer-event");

        @SuppressWarnings("unchecked")
        var resources = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources)
                .as("resources the page loaded")
                .isNotEmpty()
                .allMatch(url -> url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:"));
        @SuppressWarnings("unchecked")
        var requests = (List<Map<String, Object>>) js("return window.__explorerRequests");
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            assertThat((String) request.get("url")).startsWith(origin + "/graphql");
            assertThat(request.get("persisted"))
                    .as("sent as a persisted query: %s", request)
                    .isEqualTo(true);
        });
        // Automatic persisted queries: the first request of an operation carries only its hash.
        assertThat(requests).anyMatch(request -> Boolean.FALSE.equals(request.get("withQuery")));
    }
}
