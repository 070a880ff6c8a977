package org.tripapproval.notification;

import static org.tripapproval.trip.TripVariables.*;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Service;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;

/**
 * Who hears of what. Messages are written to the outbox in the caller's transaction, which is the
 * engine's: listeners and delegates call this while the process moves.
 */
@Service
public class Notifications {

  private final Outbox outbox;
  private final MailComposer composer;
  private final IdentityService identityService;
  private final JsonVariables json;
  private final MailSettings settings;
  private final NoticeDetails details;

  Notifications(
      Outbox outbox,
      MailComposer composer,
      IdentityService identityService,
      JsonVariables json,
      MailSettings settings,
      NoticeDetails details) {
    this.outbox = outbox;
    this.composer = composer;
    this.identityService = identityService;
    this.json = json;
    this.settings = settings;
    this.details = details;
  }

  /** The assignee, or every member of the candidate groups who has an email address. */
  public void taskCreated(DelegateTask task) {
    Map<String, User> recipients = new LinkedHashMap<>();
    if (task.getAssignee() != null) {
      addUser(recipients, task.getAssignee());
    } else {
      for (IdentityLink candidate : task.getCandidates()) {
        if (candidate.getGroupId() != null) {
          addGroup(recipients, candidate.getGroupId());
        } else if (candidate.getUserId() != null) {
          addUser(recipients, candidate.getUserId());
        }
      }
    }
    String link = settings.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + task.getId();
    // the step as the model names it: the subject names the trip already
    String step =
        task.getBpmnModelElementInstance() == null
            ? task.getName()
            : task.getBpmnModelElementInstance().getName();
    send(
        task.getExecution(), task, NotificationKind.TASK_ASSIGNED, step, link, recipients.values());
  }

  /**
   * A notice about the trip at this step, to the audience of its kind: the one way the process asks
   * for a message (the model names the kind, see {@link ModelNotices}).
   */
  public void send(DelegateExecution execution, NotificationKind kind, String detail) {
    Map<String, User> recipients = new LinkedHashMap<>();
    switch (kind.audience()) {
      case APPLICANT -> addUser(recipients, (String) execution.getVariable(APPLICANT));
      case UNIT_SUPERVISORS -> {
        addGroup(recipients, RoleGroups.unitHeads((String) execution.getVariable(UNIT)));
        addGroup(recipients, RoleGroups.FOREIGN_AFFAIRS_OFFICE);
      }
      default ->
          throw new IllegalArgumentException(kind + " is not a notice about a step of a trip");
    }
    send(execution, execution, kind, detail, tasklistLink(), recipients.values());
  }

  /**
   * The notices that the model names on this step's element under {@code property} ({@link
   * ModelNotices}), each with its usual detail.
   */
  public void sendNamed(DelegateExecution execution, String property) {
    for (NotificationKind kind :
        ModelNotices.named(execution.getBpmnModelElementInstance(), property)) {
      send(execution, kind, details.of(kind, (String) execution.getVariable(RETURN_DATE)));
    }
  }

  /** A substitution is over: the members of the groups hear of it, in the caller's transaction. */
  public void substitutionEnded(Collection<String> groups, String detail) {
    Map<String, User> recipients = new LinkedHashMap<>();
    groups.forEach(group -> addGroup(recipients, group));
    for (User user : recipients.values()) {
      RenderedMail mail =
          composer.compose(
              NotificationKind.SUBSTITUTION_ENDED,
              new MailModel(displayName(user.getId()), null, detail, tasklistLink()));
      outbox.add(NotificationKind.SUBSTITUTION_ENDED, null, user.getEmail(), mail);
    }
  }

  private void send(
      DelegateExecution execution,
      VariableScope scope,
      NotificationKind kind,
      String detail,
      String link,
      Collection<User> recipients) {
    MailModel.TripSummary trip = summary(scope);
    for (User user : recipients) {
      String name =
          (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip();
      RenderedMail mail =
          composer.compose(
              kind, new MailModel(name.isEmpty() ? user.getId() : name, trip, detail, link));
      outbox.add(kind, execution.getProcessInstanceId(), user.getEmail(), mail);
    }
  }

  private MailModel.TripSummary summary(VariableScope scope) {
    TripRequest trip = json.read(scope, TRIP, TripRequest.class);
    String countries = String.join(", ", trip.countries());
    String dates = trip.departureDate() + " — " + trip.returnDate();
    Group unit = identityService.createGroupQuery().groupId(trip.unit()).singleResult();
    String unitName = unit != null && unit.getName() != null ? unit.getName() : trip.unit();
    String applicant = displayName((String) scope.getVariable(APPLICANT));
    String requestNumber = (String) scope.getVariable(REQUEST_NUMBER);
    return new MailModel.TripSummary(
        (requestNumber != null ? requestNumber : unitName)
            + " · "
            + trip.departureDate()
            + " · "
            + countries,
        requestNumber,
        applicant,
        unitName,
        dates,
        countries,
        trip.purpose(),
        (String) scope.getVariable(APPROVAL_NUMBER));
  }

  private String displayName(String userId) {
    User user =
        userId == null ? null : identityService.createUserQuery().userId(userId).singleResult();
    return user == null
        ? userId
        : (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip();
  }

  private void addUser(Map<String, User> recipients, String userId) {
    User user =
        userId == null ? null : identityService.createUserQuery().userId(userId).singleResult();
    if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
      recipients.putIfAbsent(user.getId(), user);
    }
  }

  private void addGroup(Map<String, User> recipients, String groupId) {
    List<User> members = identityService.createUserQuery().memberOfGroup(groupId).unlimitedList();
    members.stream()
        .filter(u -> u.getEmail() != null && !u.getEmail().isBlank())
        .forEach(u -> recipients.putIfAbsent(u.getId(), u));
  }

  private String tasklistLink() {
    return settings.baseUrl() + "/camunda/app/tasklist/default/";
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
