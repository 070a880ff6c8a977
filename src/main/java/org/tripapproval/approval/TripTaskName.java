package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.REQUEST_NUMBER;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A new task of a trip is named after the step and the trip's request number ("Review trip request
 * 审核出国申请 · 省商务厅-2026-0012"): Tasklist's list shows a task's name, and nothing of its trip that
 * every reviewer may read (the variables a filter lists are shown only to those who may read the
 * process instance, and the business key not at all).
 */
@Component("tripTaskName")
class TripTaskName implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (task.getVariable(REQUEST_NUMBER) instanceof String number) {
      task.setName(named(task.getBpmnModelElementInstance().getName(), number));
    }
  }

  static String named(String step, String requestNumber) {
    return step + " · " + requestNumber;
  }
}
