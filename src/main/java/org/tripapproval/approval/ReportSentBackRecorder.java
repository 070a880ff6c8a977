package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.REPORT_SENT_BACK_ON;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripSettings;

/**
 * Bookkeeping on the flows that send a report back to its applicant: the day it happened, from
 * which the filing's own due date, reminders and escalation count ({@code
 * tripDeadlines.reportDue(returnDate, reportSentBackOn)}). The day is the engine's, whose clock its
 * timers go by.
 */
@Component("reportSentBackRecorder")
class ReportSentBackRecorder implements ExecutionListener {

  private final TripSettings settings;

  ReportSentBackRecorder(TripSettings settings) {
    this.settings = settings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(
        REPORT_SENT_BACK_ON,
        LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), settings.zone()).toString());
  }
}
