package org.tripapproval.notification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripProcess;

/**
 * A new user task of a trip tells the people who have to do it where the model names the notice
 * ({@code notice.create = TASK_ASSIGNED}), through the engine's Spring eventing
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
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())
        && TripProcess.isTrip(task.getProcessDefinitionId())
        && ModelNotices.named(
                task.getBpmnModelElementInstance(), ModelNotices.on(TaskListener.EVENTNAME_CREATE))
            .contains(NotificationKind.TASK_ASSIGNED)) {
      notifications.taskCreated(task);
    }
  }
}
