package org.tripapproval.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stripped copy of overseas-trip.bpmn the benchmark compares with: the same user tasks, timers,
 * gateways and multi-instance reviews, but no execution or task listeners, every service and
 * business-rule task a no-op ({@code ${true}}), no forms, and every timer at a fixed far-away date
 * instead of a deadline computed by our beans. What it leaves is the engine's own cost and the REST
 * edge; the variables that our delegates would set (the routed review levels, no blocking finding)
 * are given at its start.
 */
final class BaselineModel {

  static final String KEY = "overseas-trip-baseline";

  /** What our deadlines answer for a trip on time, by the question the model asks them. */
  private static final Map<String, Boolean> ON_TIME =
      Map.of("disclosureEndsBeforeDeparture", true, "departureDayPassed", false);

  private BaselineModel() {}

  static String xml() {
    String model;
    try {
      model = Files.readString(Path.of("bpmn", "overseas-trip.bpmn"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String stripped =
        model
            .replace("\"overseas-trip\"", "\"" + KEY + "\"")
            // without the decision recorder, the decision the reviewer submits is the outcome the
            // gateways read
            .replace("${outcome", "${decision")
            .replaceAll("\\s*<camunda:(executionListener|taskListener)\\b[^>]*/>", "")
            .replaceAll("\\s*<bpmn:extensionElements>\\s*</bpmn:extensionElements>", "")
            .replaceAll("camunda:delegateExpression=\"[^\"]*\"", "camunda:expression=\"\\${true}\"")
            .replaceAll("camunda:decisionRef=\"[^\"]*\"", "camunda:expression=\"\\${true}\"")
            .replaceAll(
                "\\s*camunda:(mapDecisionResult|resultVariable|decisionRefBinding|formKey)=\"[^\"]*\"",
                "")
            .replaceAll("(<bpmn:timeDate[^>]*>)[^<]*(</bpmn:timeDate>)", "$1\\${farFuture}$2")
            .replaceAll("camunda:dueDate=\"[^\"]*\"", "camunda:dueDate=\"\\${farFuture}\"");
    stripped = onTime(stripped);
    for (String leftover :
        new String[] {
          "delegateExpression",
          "executionListener",
          "taskListener",
          "tripDeadlines",
          "formKey",
          "decisionRef"
        }) {
      if (stripped.contains(leftover)) {
        throw new IllegalStateException(
            "the baseline still has " + leftover + ": " + excerpt(stripped, leftover));
      }
    }
    return stripped;
  }

  /**
   * A gateway that asks our deadlines (is the window over before departure, has the departure day
   * passed) takes the branch of a trip on time, as the benchmark's trips are; a question the
   * baseline does not know stops it, so that a new one is decided here rather than guessed.
   */
  private static String onTime(String model) {
    Matcher question =
        Pattern.compile("\\$\\{(!?)tripDeadlines\\.(\\w+)\\([^)]*\\)\\}").matcher(model);
    StringBuilder answered = new StringBuilder();
    while (question.find()) {
      Boolean onTime = ON_TIME.get(question.group(2));
      if (onTime == null) {
        throw new IllegalStateException(
            "the baseline does not know the answer on time to " + question.group());
      }
      boolean answer = question.group(1).isEmpty() ? onTime : !onTime;
      question.appendReplacement(answered, Matcher.quoteReplacement("${" + answer + "}"));
    }
    question.appendTail(answered);
    return answered.toString();
  }

  private static String excerpt(String text, String word) {
    Matcher around = Pattern.compile(".{0,80}" + word + ".{0,80}").matcher(text);
    return around.find() ? around.group() : word;
  }
}
