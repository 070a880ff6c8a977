package org.tripapproval.trip;

import static org.tripapproval.trip.TripVariables.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Takes in the report as fileTripReport ends: refused with the problems {@link TripReportValidator}
 * and {@link Attachments} find, else stored as read.
 */
@Component("tripReportIntake")
class TripReportIntake implements ExecutionListener {

  private final JsonVariables json;
  private final TripReportValidator validator;
  private final Attachments attachments;

  TripReportIntake(JsonVariables json, TripReportValidator validator, Attachments attachments) {
    this.json = json;
    this.validator = validator;
    this.attachments = attachments;
  }

  @Override
  public void notify(DelegateExecution task) {
    if (task.isCanceled()) {
      return;
    }
    TripReport report = json.read(task, REPORT, TripReport.class);
    TripRequest trip = json.read(task, TRIP, TripRequest.class);
    List<String> problems = new ArrayList<>(validator.problems(report, trip));
    attachments.problemWith(task, REPORT_ATTACHMENT).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidSubmissionException(problems);
    }
    json.write(task, REPORT, report);
  }
}
