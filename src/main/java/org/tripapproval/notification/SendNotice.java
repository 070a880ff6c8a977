package org.tripapproval.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the notices the model names: as the delegate of a step whose work is a notice (property
 * {@code notice}), or as a listener on an event of a step ({@code notice.start}, {@code
 * notice.end}). An activity cancelled (a trip withdrawn during a disclosure) has not ended as
 * planned: no news of its end.
 */
@Component("sendNotice")
class SendNotice implements JavaDelegate, ExecutionListener {

  private final Notifications notifications;

  SendNotice(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.sendNamed(execution, ModelNotices.NOTICE);
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.isCanceled()) {
      notifications.sendNamed(execution, ModelNotices.on(execution.getEventName()));
    }
  }
}
