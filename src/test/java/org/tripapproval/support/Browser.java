package org.tripapproval.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium through Selenium, with nothing downloaded at test time. Where no
 * Chromium is installed the test is skipped with a message, except on CI, where it fails.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final Path userDataDir;

  private Browser(WebDriver driver, Path userDataDir) {
    this.driver = driver;
    this.userDataDir = userDataDir;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  /** A browser whose language is Simplified Chinese, as the system's users' are. */
  public static Browser start() throws IOException {
    return start("zh-CN");
  }

  /** A browser asking for pages in this language first ({@code zh-CN}, {@code en-US}). */
  public static Browser start(String language) throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: .ci/run installs the Debian packages chromium and chromium-driver");
    }
    Assumptions.assumeTrue(
        installed,
        "Skipped: no Chromium here. Install the Debian packages chromium and chromium-driver.");
    System.setProperty("SE_OFFLINE", "true");
    Path userDataDir = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
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
        "--window-size=1400,1000",
        "--lang=" + language,
        "--user-data-dir=" + userDataDir);
    // the language the pages are asked for, as a browser set to it asks (navigator.languages)
    options.setExperimentalOption(
        "prefs",
        Map.of("intl.accept_languages", language + "," + language.substring(0, 2).toLowerCase()));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), userDataDir);
  }

  /**
   * As a newly started browser would be for this origin: no cookies, no stored data, a fresh tab
   * (which drops the session storage and the pages' scripts). Lets one Chromium serve a whole test
   * class instead of starting one per test.
   */
  public void forgetEverything(String origin) {
    String previous = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    String fresh = driver.getWindowHandle();
    driver.switchTo().window(previous).close();
    driver.switchTo().window(fresh);
    ChromeDriver chromium = (ChromeDriver) driver;
    chromium.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    chromium.executeCdpCommand(
        "Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Scrolls the element to the middle first; tries again while a toast or a moving layout covers
   * it.
   */
  public void click(By by) {
    wait.ignoring(ElementClickInterceptedException.class)
        .until(
            d -> {
              WebElement element = visible(by);
              ((JavascriptExecutor) d)
                  .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
              element.click();
              return true;
            });
  }

  public void type(String id, String text) {
    WebElement field = visible(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Sets an input the way a date picker does, and lets AngularJS see it. */
  public void setValue(String id, String value) {
    WebElement field = visible(By.id(id));
    ((JavascriptExecutor) driver)
        .executeScript(
            "arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            field,
            value);
  }

  public void waitUntilTextContains(By by, String text) {
    try {
      wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    } catch (TimeoutException e) {
      try {
        screenshot("timeout");
      } catch (IOException ignored) {
        // the message below says what the page showed
      }
      throw new AssertionError(
          "waited for \""
              + text
              + "\" in "
              + by
              + "; the page says: "
              + driver.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  public void waitUntilGone(By by) {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
  }

  public void waitForValue(String id, String value) {
    wait.until(d -> value.equals(d.findElement(By.id(id)).getDomProperty("value")));
  }

  /** Waits until the address the browser shows is this one. */
  public void waitForUrl(String url) {
    try {
      wait.until(ExpectedConditions.urlToBe(url));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "waited for " + url + "; the browser shows " + driver.getCurrentUrl(), e);
    }
  }

  /** Waits until the address the browser shows starts with this. */
  public void waitForUrlStartingWith(String start) {
    try {
      wait.until(d -> d.getCurrentUrl().startsWith(start));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "waited for " + start + "…; the browser shows " + driver.getCurrentUrl(), e);
    }
  }

  /**
   * This tab as a phone held upright, 390 by 844 CSS pixels, that honours the pages' viewport
   * settings as a phone does; a new tab ({@link #forgetEverything}) is a desktop window again.
   */
  public void phoneSized() {
    ((ChromeDriver) driver)
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
  }

  /** This tab as the desktop window it was started as. */
  public void desktopSized() {
    ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /**
   * How wide the page is laid out, in CSS pixels: wider than the window means a sideways scroll.
   */
  public long pageWidth() {
    return ((Number)
            ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth"))
        .longValue();
  }

  /** The whole page, also what lies below the window. */
  public Path screenshotOfThePage(String name) throws IOException {
    ChromeDriver chromium = (ChromeDriver) driver;
    Map<String, Object> metrics = chromium.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> shot =
        chromium.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    ((Number) size.get("width")).doubleValue(),
                    "height",
                    Math.min(((Number) size.get("height")).doubleValue(), 8000),
                    "scale",
                    1)));
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
    return target;
  }

  public void waitForPageText(String text) {
    wait.until(d -> d.getPageSource().contains(text));
  }

  public WebDriver driver() {
    return driver;
  }

  public Path screenshot(String name) throws IOException {
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return target;
  }

  @Override
  public void close() {
    driver.quit();
    FileSystemUtils.deleteRecursively(userDataDir.toFile());
  }
}
