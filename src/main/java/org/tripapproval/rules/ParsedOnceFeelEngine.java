package org.tripapproval.rules;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine, except that each expression and each cell of a rule table is parsed once
 * and kept, instead of at every evaluation (feel-scala issue #1149): the rule check evaluates the
 * same few hundred cells for every trip. The value mapping and functions are Camunda's own, as this
 * only overrides where the text is parsed; evaluation goes through the same engine. A table
 * deployed again brings its own texts, and an expression is the same whichever table it is in, so
 * the kept parses never go stale; their number is bounded all the same.
 */
class ParsedOnceFeelEngine extends ScalaFeelEngine {

  /** More distinct texts than every deployed table holds; past it the kept parses start over. */
  static final int MAX_KEPT = 20_000;

  private final ConcurrentHashMap<String, Either<Failure, ParsedExpression>> expressions =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Either<Failure, ParsedExpression>> unaryTests =
      new ConcurrentHashMap<>();

  ParsedOnceFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    CustomContext context =
        new CustomContext() {
          @Override
          public VariableProvider variableProvider() {
            return new ContextVariableWrapper(variableContext);
          }
        };
    return (T)
        valueOf(evaluated(parsed(expressions, expression, feelEngine::parseExpression), context));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(
      String expression, String inputVariable, VariableContext variableContext) {
    StaticVariableProvider input =
        new StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    CustomContext context =
        new CustomContext() {
          @Override
          public VariableProvider variableProvider() {
            return new CompositeVariableProvider(toScalaList(input, variables));
          }
        };
    return BoxesRunTime.unboxToBoolean(
        valueOf(evaluated(parsed(unaryTests, expression, feelEngine::parseUnaryTests), context)));
  }

  /** How many texts are kept parsed, expressions and unary tests together. */
  int keptParses() {
    return expressions.size() + unaryTests.size();
  }

  private static Either<Failure, ParsedExpression> parsed(
      ConcurrentHashMap<String, Either<Failure, ParsedExpression>> kept,
      String text,
      Function<String, Either<Failure, ParsedExpression>> parser) {
    Either<Failure, ParsedExpression> parse = kept.get(text);
    if (parse == null) {
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      parse = kept.computeIfAbsent(text, parser);
    }
    return parse;
  }

  private Either<Failure, Object> evaluated(
      Either<Failure, ParsedExpression> parse, CustomContext context) {
    if (parse instanceof Left<Failure, ParsedExpression> failed) {
      return new Left<>(failed.value());
    }
    return feelEngine.eval(((Right<Failure, ParsedExpression>) parse).value(), context);
  }

  private static Object valueOf(Either<Failure, Object> result) {
    if (result instanceof Right<Failure, Object> value) {
      return value.value();
    }
    throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
  }
}
