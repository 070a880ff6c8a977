package org.tripapproval.approval;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.TripProcess;

/**
 * Service tasks remindApplicantOfReport and remindApplicantReportDueToday: the open report task
 * moves to the top of the applicant's Tasklist, and the applicant gets the notice the model names.
 */
@Component("reportReminder")
class ReportReminder implements JavaDelegate {

  static final int URGENT = 100;

  private final Notifications notifications;

  ReportReminder(Notifications notifications) {
    this.notifications = notifications;
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
    notifications.sendNamed(execution, ModelNotices.NOTICE);
  }
}
