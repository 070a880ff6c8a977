package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.PASSPORT_HOLDER;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.people.Directory;
import org.tripapproval.people.Person;

/**
 * The notices of passport-custody.bpmn (ADR 0021): the kind the step names, about the passport's
 * holder as the directory names them today.
 */
@Component("passportNotice")
class PassportNotice implements JavaDelegate {

  private final Notifications notifications;
  private final Directory directory;

  PassportNotice(Notifications notifications, Directory directory) {
    this.notifications = notifications;
    this.directory = directory;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String holder = (String) execution.getVariable(PASSPORT_HOLDER);
    Optional<Person> person = directory.find(holder);
    for (NotificationKind kind :
        ModelNotices.named(execution.getBpmnModelElementInstance(), ModelNotices.NOTICE)) {
      notifications.passport(
          execution,
          kind,
          person.map(Person::name).orElse(holder),
          person.map(Person::userId).orElse(null));
    }
  }
}
