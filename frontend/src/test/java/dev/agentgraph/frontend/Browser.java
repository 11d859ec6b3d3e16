package dev.agentgraph.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium driven by ChromeDriver, with the page's DOM helpers the tests
 * share: node lookup by (session, id), console errors, screenshots under
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium with a fresh profile in {@code userDataDir}, in a 1400×900 window. */
    static Browser start(Path userDataDir) {
        return start(userDataDir, 1400, 900);
    }

    /** Starts Chromium with a fresh profile in {@code userDataDir}, its page {@code width}×{@code height} CSS pixels. */
    static Browser start(Path userDataDir, int width, int height) {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException("the browser tests need " + binary
                        + ": apt-get install -y chromium chromium-driver");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + userDataDir.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // Headless windows lose some height to browser chrome: make the page itself the size asked.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return new Browser(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The connection badge's state: connecting, connected, reconnecting or disconnected. */
    String badge() {
        return driver.findElement(By.id("badge")).getAttribute("data-state");
    }

    /** The node elements of an agent (or "main" for a session's centre); more than one would be a bug. */
    List<WebElement> nodes(String session, String id) {
        @SuppressWarnings("unchecked")
        List<WebElement> found = (List<WebElement>) js(
                "return [...document.querySelectorAll('g.node')].filter(g =>"
                        + " g.getAttribute('data-session') === arguments[0] && g.getAttribute('data-node-id') === arguments[1]"
                        + " && !g.classList.contains('leaving'));",
                session, id);
        return found;
    }

    /** Every node drawn and not fading out, as "session/id". */
    @SuppressWarnings("unchecked")
    List<String> nodeKeys() {
        return (List<String>) js(
                "return [...document.querySelectorAll('g.node:not(.leaving)')]"
                        + ".map(g => g.getAttribute('data-session') + '/' + g.getAttribute('data-node-id'));");
    }

    /** The agents in the page's own state (not the SVG), not leaving, as sorted "session/id". */
    @SuppressWarnings("unchecked")
    List<String> aliveAgents() {
        return (List<String>) js("return window.agentgraph.state().nodes"
                + ".filter(n => n.kind === 'agent' && !n.leaving).map(n => n.session + '/' + n.id).sort()");
    }

    /** The player's state ({@code t, start, end, playing, …}), or null without a recording. */
    java.util.Map<?, ?> player() {
        return (java.util.Map<?, ?>) js("return window.agentgraph && window.agentgraph.state().player");
    }

    /**
     * Points at a node (and clicks it, to pin the card) until its card shows; nodes may still be
     * drifting into place, so the pointer is aimed again on each try.
     */
    WebElement showCard(String session, String id, boolean click) {
        WebElement card = driver.findElement(By.id("card"));
        new Actions(driver).sendKeys(Keys.ESCAPE).perform(); // a pinned card could cover the node
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<WebElement> found = nodes(session, id);
            if (found.isEmpty()) {
                return false;
            }
            Actions aim = new Actions(driver).moveToElement(found.get(0).findElement(By.cssSelector(".body")));
            (click ? aim.click() : aim).perform();
            return card.isDisplayed() && id.equals(card.getAttribute("data-node-id"))
                    && session.equals(card.getAttribute("data-session"));
        });
        return card;
    }

    String counter(String name) {
        return driver.findElement(By.cssSelector("[data-counter='" + name + "'] .value")).getText();
    }

    /** Console messages at SEVERE level since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList());
    }

    /** Saves a PNG of the window as target/screenshots/NAME.png and returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
