package org.tripapproval.approval;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripVariables;

/**
 * Service tasks remindApplicantOfReport (days before it is due) and remindApplicantReportDueToday:
 * the applicant gets a mail, and the open report task moves to the top of their Tasklist.
 */
@Component("reportReminder")
class ReportReminder implements JavaDelegate {

  static final int URGENT = 100;

  private final Notifications notifications;
  private final TripDeadlines deadlines;

  ReportReminder(Notifications notifications, TripDeadlines deadlines) {
    this.notifications = notifications;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(TripProcess.FILE_TRIP_REPORT)
            .unlimitedList()) {
      tasks.setPriority(task.getId(), URGENT);
    }
    String due =
        deadlines.day(
            deadlines.reportDue((String) execution.getVariable(TripVariables.RETURN_DATE)));
    notifications.toApplicant(
        execution,
        TripProcess.REMIND_APPLICANT_OF_REPORT.equals(execution.getCurrentActivityId())
            ? NotificationKind.REPORT_DUE_SOON
            : NotificationKind.REPORT_DUE_TODAY,
        due);
  }
}
