package org.tripapproval.notification;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripVariables;

/**
 * Service tasks escalateOverdueReport and escalateOverdueReview: the unit's heads and the foreign
 * affairs office hear of it; for a report, the applicant too.
 */
@Component("overdueEscalation")
class OverdueEscalation implements JavaDelegate {

  private final Notifications notifications;
  private final TripDeadlines deadlines;

  OverdueEscalation(Notifications notifications, TripDeadlines deadlines) {
    this.notifications = notifications;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String unit = (String) execution.getVariable(TripVariables.UNIT);
    List<String> supervisors =
        List.of(RoleGroups.unitHeads(unit), RoleGroups.FOREIGN_AFFAIRS_OFFICE);
    if (TripProcess.ESCALATE_OVERDUE_REPORT.equals(execution.getCurrentActivityId())) {
      String due =
          deadlines.day(
              deadlines.reportDue((String) execution.getVariable(TripVariables.RETURN_DATE)));
      notifications.toApplicant(execution, NotificationKind.REPORT_OVERDUE, due);
      notifications.toGroups(
          execution, NotificationKind.REPORT_OVERDUE_ESCALATION, due, supervisors);
    } else {
      notifications.toGroups(
          execution,
          NotificationKind.REVIEW_OVERDUE_ESCALATION,
          deadlines.reviewPeriod(),
          supervisors);
    }
  }
}
