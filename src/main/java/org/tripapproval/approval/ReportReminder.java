package org.tripapproval.approval;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripProcess;

/**
 * Service task remindApplicantOfReport: the open report task moves to the top of the applicant's
 * Tasklist (highest priority). Email reminders come with the notification module.
 */
@Component("reportReminder")
class ReportReminder implements JavaDelegate {

  static final int URGENT = 100;

  @Override
  public void execute(DelegateExecution execution) {
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(TripProcess.FILE_TRIP_REPORT).list()) {
      tasks.setPriority(task.getId(), URGENT);
    }
  }
}
