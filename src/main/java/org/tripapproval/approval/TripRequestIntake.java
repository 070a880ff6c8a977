package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.tripapproval.identity.TripAccess;
import org.tripapproval.identity.Units;
import org.tripapproval.people.Directory;
import org.tripapproval.trip.Attachments;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequestValidator;

/**
 * Accepts a request when it is submitted and when it is resubmitted after revision: an invalid one
 * is refused (nothing is started or completed); a valid one is stored with the scalars that the
 * gateways, routing table and timers read.
 */
@Component("tripRequestIntake")
class TripRequestIntake implements ExecutionListener {

  private final JsonVariables json;
  private final TripRequestValidator check;
  private final Attachments attachments;
  private final Units units;
  private final TripAccess access;
  private final Directory directory;

  TripRequestIntake(
      JsonVariables json,
      TripRequestValidator check,
      Attachments attachments,
      Units units,
      TripAccess access,
      Directory directory) {
    this.json = json;
    this.check = check;
    this.attachments = attachments;
    this.units = units;
    this.access = access;
    this.directory = directory;
  }

  /** On submission (start event), and when the revision task ends, unless it was cancelled. */
  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.isCanceled()) {
      accept(execution);
    }
    if (EVENTNAME_START.equals(execution.getEventName())
        && execution.getVariable(APPLICANT) instanceof String applicant) {
      access.grantApplicant(execution.getProcessInstanceId(), applicant);
    }
  }

  private void accept(VariableScope scope) {
    TripRequest trip = checked(scope, json.read(scope, TRIP, TripRequest.class));
    json.write(scope, TRIP, trip);
    scope.setVariable(UNIT, trip.unit());
    scope.setVariable(DEPARTURE_DATE, trip.departureDate().toString());
    scope.setVariable(RETURN_DATE, trip.returnDate().toString());
    scope.setVariable(PLANNED, trip.isPlanned());
    scope.setVariable(HIGHEST_RANK, trip.highestRank().name());
    scope.setVariable(DELEGATION_SIZE, trip.members().size());
    scope.setVariable(TOTAL_BUDGET, trip.totalBudget().doubleValue());
  }

  /**
   * The request as the intake accepts it (the directory's words for its people, the applicant's
   * unit), or every problem refused at once: on submission, revision and a change after approval.
   */
  TripRequest checked(VariableScope scope, TripRequest submitted) {
    List<String> problems = new ArrayList<>(check.problems(submitted));
    // the directory's words for its people, once the request is whole enough to read them
    TripRequest identified =
        problems.isEmpty() ? directory.identified(submitted, problems) : submitted;
    attachments.problemWith(scope, INVITATION_LETTER).ifPresent(problems::add);
    String unit = units.unitOf((String) scope.getVariable(APPLICANT), submitted.unit(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidSubmissionException(problems);
    }
    return identified.withUnit(unit);
  }
}
