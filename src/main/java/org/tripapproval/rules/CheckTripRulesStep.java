package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.*;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.Attachments;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;

/**
 * Step checkTripRules: the request to {@link TripRules}, its findings back to the process, with the
 * per-diem standards the budget was compared to (standards change; the record keeps those used).
 * Its time is the metric {@code trips.rules.check}, a histogram with a bucket at 2 ms (issue 19's
 * target), which the benchmark reads.
 */
@Component("checkTripRulesStep")
class CheckTripRulesStep implements JavaDelegate {

  private final TripRules rules;
  private final JsonVariables json;
  private final Attachments attachments;
  private final BudgetStandards budgetStandards;
  private static final Duration TWO_MILLISECONDS = Duration.ofMillis(2);

  private final Timer checks;

  CheckTripRulesStep(
      TripRules rules,
      JsonVariables json,
      Attachments attachments,
      BudgetStandards budgetStandards,
      MeterRegistry meters) {
    this.rules = rules;
    this.json = json;
    this.attachments = attachments;
    this.budgetStandards = budgetStandards;
    this.checks =
        Timer.builder("trips.rules.check")
            .description("the rule check of a request, with every fact it needs")
            .publishPercentileHistogram()
            .serviceLevelObjectives(TWO_MILLISECONDS)
            .register(meters);
  }

  @Override
  public void execute(DelegateExecution execution) {
    TripRequest trip = json.read(execution, TRIP, TripRequest.class);
    boolean letterAttached = attachments.isAttached(execution, INVITATION_LETTER);
    Timer.Sample started = Timer.start();
    List<RuleFinding> findings =
        rules.check(trip, letterAttached, execution.getProcessInstanceId());
    BudgetStandards.Facts standards = budgetStandards.check(trip);
    started.stop(checks);
    json.write(execution, FINDINGS, findings);
    json.write(execution, BUDGET_STANDARDS, standards);
    execution.setVariable(
        HAS_BLOCKING_FINDINGS, findings.stream().anyMatch(RuleFinding::isBlocking));
  }
}
