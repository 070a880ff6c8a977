package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

class ParsedOnceFeelEngineTest {

  private final ParsedOnceFeelEngine parsedOnce = new ParsedOnceFeelEngine(List.of());
  private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());

  private final VariableContext trip =
      Variables.createVariables()
          .putValue("days", 6)
          .putValue("country", "JP")
          .putValue("departure", LocalDate.of(2027, 3, 1))
          .putValue("members", List.of("a", "b", "c"))
          .asVariableContext();

  @Test
  void answersExpressionsAsCamundasEngineDoes() {
    for (String expression :
        List.of(
            "days + 1",
            "days > 5 and country = \"JP\"",
            "count(members)",
            "if days > 5 then \"long\" else \"short\"",
            "departure + duration(\"P2D\")",
            "unknownVariable")) {
      Object expected = camunda.evaluateSimpleExpression(expression, trip);
      Object actual = parsedOnce.evaluateSimpleExpression(expression, trip);
      assertThat(actual).as(expression).isEqualTo(expected);
    }
  }

  @Test
  void answersUnaryTestsAsCamundasEngineDoes() {
    for (String test : List.of("> 5", "[1..5]", "6", "not(6)", "-", "< days", "\"JP\",\"KR\"")) {
      for (Object input : List.of(6, 3, "JP")) {
        VariableContext context =
            Variables.createVariables()
                .putValue("input", input)
                .putValue("days", 6)
                .asVariableContext();
        boolean expected = outcome(() -> camunda.evaluateSimpleUnaryTests(test, "input", context));
        boolean actual = outcome(() -> parsedOnce.evaluateSimpleUnaryTests(test, "input", context));
        assertThat(actual).as(test + " on " + input).isEqualTo(expected);
      }
    }
  }

  @Test
  void parsesEachTextOnceHoweverOftenItIsEvaluated() {
    for (int trip = 0; trip < 50; trip++) {
      VariableContext context =
          Variables.createVariables().putValue("input", trip).asVariableContext();
      parsedOnce.evaluateSimpleUnaryTests("[10..20]", "input", context);
      parsedOnce.evaluateSimpleUnaryTests("> 30", "input", context);
      parsedOnce.evaluateSimpleExpression("input * 2", context);
    }

    assertThat(parsedOnce.keptParses()).isEqualTo(3);
  }

  @Test
  void refusesATextThatIsNotFeelAsCamundasEngineDoes() {
    String broken = "days >> 5 (";
    String expected = messageOf(() -> camunda.evaluateSimpleExpression(broken, trip));

    for (int again = 0; again < 2; again++) {
      assertThatThrownBy(() -> parsedOnce.evaluateSimpleExpression(broken, trip))
          .isInstanceOf(FeelException.class)
          .hasMessage(expected);
    }
  }

  private static boolean outcome(BooleanSupplier test) {
    try {
      return test.getAsBoolean();
    } catch (FeelException notComparable) {
      return false;
    }
  }

  private static String messageOf(Runnable evaluation) {
    try {
      evaluation.run();
    } catch (FeelException refused) {
      return refused.getMessage();
    }
    throw new AssertionError("Camunda's engine evaluated it");
  }
}
