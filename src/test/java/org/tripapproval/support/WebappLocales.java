package org.tripapproval.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * The locale files and scripts of Camunda's webapps as the application serves them: the starter
 * serves /camunda/app/** from the classpath folder below, so the first copy on the classpath wins —
 * the project's (target/classes, BOOT-INF/classes) before the webjar's.
 */
public final class WebappLocales {

  public static final String APPS = "META-INF/resources/webjars/camunda/app/";
  private static final String WEBJAR = "camunda-webapp-webjar-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebappLocales() {}

  /** The English of Camunda's webjar, whatever the project adds. */
  public static JsonNode english(String app) {
    return json(webjarCopy(app + "/locales/en.json"));
  }

  /** The Chinese the application serves. */
  public static JsonNode chinese(String app) {
    URL served = served(app + "/locales/zh.json");
    if (served == null) {
      throw new AssertionError("no " + APPS + app + "/locales/zh.json on the classpath");
    }
    return json(served);
  }

  /** A label of a locale file, failing when it has none. */
  public static String label(JsonNode locale, String key) {
    JsonNode label = locale.path("labels").path(key);
    if (!label.isTextual()) {
      throw new AssertionError("no label " + key);
    }
    return label.asText();
  }

  /** The copy of an app's file that the application serves, or null. */
  public static URL served(String file) {
    return WebappLocales.class.getClassLoader().getResource(APPS + file);
  }

  /** The copy of an app's file in Camunda's webjar. */
  public static URL webjarCopy(String file) {
    return copies(file).stream()
        .filter(url -> url.toString().contains(WEBJAR))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the webjar has no " + APPS + file));
  }

  public static List<URL> copies(String file) {
    try {
      return Collections.list(WebappLocales.class.getClassLoader().getResources(APPS + file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(URL url) {
    try (InputStream in = url.openStream()) {
      // Camunda's files start with a byte order mark, which Jackson skips
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(url.toString(), e);
    }
  }
}
