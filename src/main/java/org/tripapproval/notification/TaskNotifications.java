package org.tripapproval.notification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripProcess;

/**
 * Every new user task tells the people who have to do it, through the engine's Spring eventing
 * (camunda.bpm.eventing.task), inside the engine's transaction.
 */
@Component
class TaskNotifications {

  private final Notifications notifications;

  TaskNotifications(Notifications notifications) {
    this.notifications = notifications;
  }

  @EventListener
  void onTaskEvent(DelegateTask task) {
    // the withdrawal task is an option the applicant keeps until departure, not work to announce
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())
        && TripProcess.isTrip(task.getProcessDefinitionId())
        && !TripProcess.WITHDRAW_TRIP_REQUEST.equals(task.getTaskDefinitionKey())) {
      notifications.taskCreated(task);
    }
  }
}
