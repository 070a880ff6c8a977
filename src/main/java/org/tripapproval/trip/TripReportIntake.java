package org.tripapproval.trip;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Refuses a report that leaves a planned task without a result or has its dates out of order. */
@Component("tripReportIntake")
class TripReportIntake implements ExecutionListener {

  private final JsonVariables json;
  private final Validator validator;
  private final AttachmentCheck attachments;

  private final ObjectMapper mapper;

  TripReportIntake(
      JsonVariables json, Validator validator, AttachmentCheck attachments, ObjectMapper mapper) {
    this.mapper = mapper;
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
    List<String> problems = new ArrayList<>();
    validator
        .validate(report)
        .forEach(v -> problems.add(TripRequestCheck.fieldOf(v) + ": " + v.getMessage()));
    problems.addAll(PlainText.problems(report, mapper));
    if (problems.isEmpty()) {
      if (report.taskResults().size() != trip.tasks().size()) {
        problems.add(
            "taskResults: 应对"
                + trip.tasks().size()
                + "项计划任务逐项填写成效 / give a result for each of the "
                + trip.tasks().size()
                + " planned tasks");
      }
      if (report.passportReturnedOn().isBefore(report.actualReturnDate())) {
        problems.add(
            "passportReturnedOn: 护照交回日期早于回国日期 / the passport return date is before the return date");
      }
    }
    attachments.problemWith(task, REPORT_ATTACHMENT).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidSubmissionException(problems);
    }
    json.write(task, REPORT, report);
  }
}
