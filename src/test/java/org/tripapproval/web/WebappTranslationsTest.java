package org.tripapproval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.WebappLocales.APPS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tripapproval.support.WebappLocales;

/**
 * The Simplified Chinese of Camunda's webapps against the English of the webjar they come from
 * (7.24): the same keys at every level, arrays of the same length, every placeholder kept, and each
 * app's config.js offering zh with English as the fallback. A key the English has and the Chinese
 * lacks fails here, so an engine upgrade that brings new labels fails the build until they are
 * translated.
 */
class WebappTranslationsTest {

  /**
   * The webapps whose Chinese the application serves: each has locales/zh.json and a config.js
   * offering it. An app listed here without its zh.json fails the tests below.
   */
  static final List<String> TRANSLATED_APPS = List.of("tasklist", "cockpit", "admin", "welcome");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]");
  private static final Pattern AVAILABLE_LOCALES =
      Pattern.compile("availableLocales\\s*:\\s*\\[([^\\]]*)]");
  private static final Pattern FALLBACK_LOCALE =
      Pattern.compile("fallbackLocale\\s*:\\s*['\"](\\w+)['\"]");

  static List<String> translatedApps() {
    return TRANSLATED_APPS;
  }

  @ParameterizedTest
  @MethodSource("translatedApps")
  void theChineseHasExactlyTheKeysOfCamundasEnglish(String app) {
    assertThat(keyDifferences(WebappLocales.english(app), WebappLocales.chinese(app), ""))
        .as(app + ": keys of zh.json against 7.24's en.json")
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("translatedApps")
  void theChineseKeepsEveryPlaceholderOfTheEnglish(String app) {
    assertThat(lostPlaceholders(WebappLocales.english(app), WebappLocales.chinese(app), ""))
        .as(app + ": placeholders of en.json missing in zh.json")
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("translatedApps")
  void theConfigOffersChineseWithEnglishAsFallback(String app) {
    URL served = WebappLocales.served(app + "/scripts/config.js");
    assertThat(served)
        .as(app + ": the project's config.js is the one served, not the webjar's")
        .isNotEqualTo(WebappLocales.webjarCopy(app + "/scripts/config.js"));
    String config = withoutComments(WebappLocales.text(served));

    Matcher available = AVAILABLE_LOCALES.matcher(config);
    assertThat(available.find()).as(app + ": config.js sets locales.availableLocales").isTrue();
    assertThat(
            Arrays.stream(available.group(1).split(","))
                .map(locale -> locale.strip().replaceAll("['\"]", ""))
                .toList())
        .containsExactly("zh", "en");
    Matcher fallback = FALLBACK_LOCALE.matcher(config);
    assertThat(fallback.find()).as(app + ": config.js sets locales.fallbackLocale").isTrue();
    assertThat(fallback.group(1)).isEqualTo("en");
  }

  @ParameterizedTest
  @MethodSource("translatedApps")
  void datesAreWrittenTheChineseWay(String app) {
    JsonNode english = WebappLocales.english(app);
    if (!english.has("dateLocales")) {
      return; // the welcome page shows no dates
    }
    JsonNode dates = WebappLocales.chinese(app).path("dateLocales");
    assertThat(dates.at("/longDateFormat/L").asText()).isEqualTo("YYYY-MM-DD");
    assertThat(dates.at("/longDateFormat/LL").asText()).isEqualTo("YYYY年M月D日");
    assertThat(dates.at("/longDateFormat/LLL").asText()).isEqualTo("YYYY年M月D日 HH:mm");
    assertThat(dates.at("/longDateFormat/LT").asText()).isEqualTo("HH:mm");
    assertThat(dates.at("/months/0").asText()).isEqualTo("一月");
    assertThat(dates.at("/weekdays/1").asText()).isEqualTo("星期一");
    assertThat(dates.at("/relativeTime/past").asText()).isEqualTo("%s前");
  }

  @Test
  void everyWebappOfTheWebjarIsTranslated() throws IOException {
    URL webjar = WebappLocales.webjarCopy("tasklist/locales/en.json");
    Set<String> apps = new TreeSet<>();
    JarURLConnection connection = (JarURLConnection) webjar.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Pattern english = Pattern.compile(Pattern.quote(APPS) + "([^/]+)/locales/en\\.json");
      jar.stream()
          .map(entry -> english.matcher(entry.getName()))
          .filter(Matcher::matches)
          .forEach(matcher -> apps.add(matcher.group(1)));
    }
    assertThat(apps).containsExactlyInAnyOrderElementsOf(TRANSLATED_APPS);
  }

  @Test
  void theComparisonFindsAMissingKeyAShortArrayAndALostPlaceholder() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode english =
        json.readTree(
            "{\"labels\":{\"A\":\"Hello {{name}}\",\"B\":\"Bye\"},\"dateLocales\":{\"months\":[\"Jan\",\"Feb\"],\"relativeTime\":{\"past\":\"%s ago\"}}}");
    JsonNode chinese =
        json.readTree(
            "{\"labels\":{\"A\":\"你好\",\"C\":\"再见\"},\"dateLocales\":{\"months\":[\"一月\"],\"relativeTime\":{\"past\":\"以前\"}}}");

    assertThat(keyDifferences(english, chinese, ""))
        .containsExactlyInAnyOrder(
            "missing .labels.B",
            "extra .labels.C",
            "length of .dateLocales.months: 2 in English, 1");
    assertThat(lostPlaceholders(english, chinese, ""))
        .containsExactlyInAnyOrder(
            ".labels.A lost {{name}}", ".dateLocales.relativeTime.past lost %s");
  }

  /** Keys only one side has, arrays of different length, a text where the other has none. */
  static List<String> keyDifferences(JsonNode english, JsonNode chinese, String path) {
    List<String> differences = new ArrayList<>();
    if (english.isObject() && chinese.isObject()) {
      for (Iterator<String> keys = english.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (chinese.has(key)) {
          differences.addAll(keyDifferences(english.get(key), chinese.get(key), path + "." + key));
        } else {
          differences.add("missing " + path + "." + key);
        }
      }
      for (Iterator<String> keys = chinese.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!english.has(key)) {
          differences.add("extra " + path + "." + key);
        }
      }
    } else if (english.isArray() && chinese.isArray()) {
      if (english.size() != chinese.size()) {
        differences.add(
            "length of " + path + ": " + english.size() + " in English, " + chinese.size());
      }
      for (int i = 0; i < Math.min(english.size(), chinese.size()); i++) {
        differences.addAll(keyDifferences(english.get(i), chinese.get(i), path + "[" + i + "]"));
      }
    } else if (english.getNodeType() != chinese.getNodeType()) {
      differences.add("type of " + path + ": " + english.getNodeType() + " in English");
    }
    return differences;
  }

  /** Each {{placeholder}} (and moment.js's %s, %d) of an English text that its Chinese lacks. */
  static List<String> lostPlaceholders(JsonNode english, JsonNode chinese, String path) {
    List<String> lost = new ArrayList<>();
    if (english.isTextual()) {
      Matcher placeholder = PLACEHOLDER.matcher(english.asText());
      while (placeholder.find()) {
        if (!chinese.asText("").contains(placeholder.group())) {
          lost.add(path + " lost " + placeholder.group());
        }
      }
    } else if (english.isObject()) {
      english
          .fieldNames()
          .forEachRemaining(
              key ->
                  lost.addAll(
                      lostPlaceholders(english.get(key), chinese.path(key), path + "." + key)));
    } else if (english.isArray()) {
      for (int i = 0; i < english.size(); i++) {
        lost.addAll(lostPlaceholders(english.get(i), chinese.path(i), path + "[" + i + "]"));
      }
    }
    return lost;
  }

  /** The script without its comments, where the webjar's copy keeps its examples. */
  private static String withoutComments(String script) {
    return script.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }
}
