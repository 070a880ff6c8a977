package org.tripapproval.notification;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Service;
import org.tripapproval.identity.Names;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.notification.MailBody.Value;
import org.tripapproval.notification.MailModel.Finding;
import org.tripapproval.notification.MailModel.Returned;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.RuleName;
import org.tripapproval.trip.Severity;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * Who hears of what, and what they read: names and words, not ids and codes. Messages are written
 * to the outbox in the caller's transaction, which is the engine's: listeners and delegates call
 * this while the process moves.
 */
@Service
public class Notifications {

  /**
   * A decision as the decisions list keeps it (approval's ApprovalDecision), as far as mail reads.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record DecisionSeen(
      String task, String reviewLevel, String decision, String reason, String decidedBy) {}

  /** A finding as the findings list keeps it (rules' RuleFinding), as far as mail reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record FindingSeen(String rule, String severity, String message) {}

  private final Outbox outbox;
  private final MailComposer composer;
  private final IdentityService identityService;
  private final JsonVariables json;
  private final MailSettings settings;
  private final NoticeDetails details;
  private final Names names;

  Notifications(
      Outbox outbox,
      MailComposer composer,
      IdentityService identityService,
      JsonVariables json,
      MailSettings settings,
      NoticeDetails details,
      Names names) {
    this.outbox = outbox;
    this.composer = composer;
    this.identityService = identityService;
    this.json = json;
    this.settings = settings;
    this.details = details;
    this.names = names;
  }

  /**
   * The assignee, or every member of the candidate groups who has an email address. A request or
   * report back with its applicant says why: the findings that stopped it, or the reviewer's
   * reason.
   */
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
        task.getProcessInstanceId(),
        task,
        NotificationKind.TASK_ASSIGNED,
        List.of(Value.word(Phrase.split(step))),
        whyBack(task, task.getTaskDefinitionKey()),
        link,
        recipients.values());
  }

  /**
   * A notice about the trip at this step, to the audience of its kind: the one way the process asks
   * for a message (the model names the kind, see {@link ModelNotices}). {@code detail} is the
   * step's result: the approval number, or the reason of the decision just recorded (whose reviewer
   * and level come from the trip's decisions).
   */
  public void send(DelegateExecution execution, NotificationKind kind, String detail) {
    List<Value> values = new ArrayList<>();
    Returned returned = null;
    switch (kind) {
      case TRIP_APPROVED, TRIP_CHANGE_APPROVED -> {
        values.add(Value.kept(detail));
        values.add(Value.kept(settings.baseUrl() + "/trips/"));
      }
      case REVIEW_APPROVED -> {
        DecisionSeen last = lastDecision(execution);
        values.add(Value.word(level(last)));
        values.add(Value.kept(person(last == null ? null : last.decidedBy())));
      }
      case TRIP_SENT_BACK -> returned = decided(execution, detail, findings(execution));
      case TRIP_REJECTED,
          TRIP_WITHDRAWN,
          TRIP_CHANGE_SENT_BACK,
          TRIP_CHANGE_REFUSED,
          REPORT_ACCEPTED,
          REPORT_SENT_BACK,
          OBJECTION_UPHELD,
          OBJECTION_DISMISSED ->
          returned = decided(execution, detail, List.of());
      default ->
          values.addAll(
              details.of(
                  kind,
                  (String) execution.getVariable(RETURN_DATE),
                  (String) execution.getVariable(REPORT_SENT_BACK_ON)));
    }
    send(execution, kind, values, returned);
  }

  /**
   * The notices that the model names on this step's element under {@code property} ({@link
   * ModelNotices}), each with its usual values.
   */
  public void sendNamed(DelegateExecution execution, String property) {
    for (NotificationKind kind :
        ModelNotices.named(execution.getBpmnModelElementInstance(), property)) {
      send(
          execution,
          kind,
          details.of(
              kind,
              (String) execution.getVariable(RETURN_DATE),
              (String) execution.getVariable(REPORT_SENT_BACK_ON)),
          null);
    }
  }

  /**
   * A notice of passport-custody.bpmn about one passport out (ADR 0021): its holder by name, its
   * number and its due day; the due-soon notice goes to the trip's applicant and to the holder
   * where they have a user, the escalation to the unit's heads and the office. The mail is listed
   * with the trip's, whose copies the custody process holds.
   */
  public void passport(
      DelegateExecution custody, NotificationKind kind, String holderName, String holderUser) {
    List<Value> values =
        List.of(
            Value.kept(holderName),
            Value.kept((String) custody.getVariable(PASSPORT_NUMBER)),
            Value.word(NoticeDetails.date((String) custody.getVariable(PASSPORT_DUE_BACK))),
            Value.kept(
                custody.getVariable(REQUEST_NUMBER) instanceof String number
                    ? number
                    : (String) custody.getVariable(PASSPORT_TRIP)));
    Map<String, User> recipients = new LinkedHashMap<>();
    if (kind.audience() == NotificationKind.Audience.APPLICANT) {
      addUser(recipients, (String) custody.getVariable(APPLICANT));
      if (holderUser != null) {
        addUser(recipients, holderUser);
      }
    } else {
      addGroup(recipients, RoleGroups.unitHeads((String) custody.getVariable(UNIT)));
      addGroup(recipients, RoleGroups.FOREIGN_AFFAIRS_OFFICE);
    }
    send(
        (String) custody.getVariable(PASSPORT_TRIP),
        custody,
        kind,
        values,
        null,
        settings.baseUrl() + "/passports/",
        recipients.values());
  }

  /**
   * A substitution is over: the members of the groups hear of it, in the caller's transaction.
   * {@code cancelled}: the reviewer ended it; otherwise its last day passed.
   */
  public void substitutionEnded(
      Collection<String> groups,
      String absentUser,
      String substitute,
      LocalDate from,
      LocalDate until,
      boolean cancelled,
      int tasksWithdrawn) {
    Map<String, User> recipients = new LinkedHashMap<>();
    groups.forEach(group -> addGroup(recipients, group));
    List<Value> values =
        List.of(
            Value.kept(person(absentUser)),
            Value.kept(person(substitute)),
            Value.word(NoticeDetails.date(from.toString())),
            Value.word(NoticeDetails.date(until.toString())),
            Value.word(
                cancelled ? new Phrase("已取消", "was cancelled") : new Phrase("已到期", "is over")),
            Value.kept(String.valueOf(tasksWithdrawn)));
    for (User user : recipients.values()) {
      RenderedMail mail =
          composer.compose(
              NotificationKind.SUBSTITUTION_ENDED,
              new MailModel(recipientName(user), null, values, null, tasklistLink()));
      outbox.add(NotificationKind.SUBSTITUTION_ENDED, null, user.getEmail(), mail);
    }
  }

  /**
   * A year's working-day calendar is needed and missing: the administrators and the foreign affairs
   * office hear of it, in the caller's transaction.
   */
  public void calendarMissing(int year) {
    Map<String, User> recipients = new LinkedHashMap<>();
    addGroup(recipients, RoleGroups.ADMINISTRATORS);
    addGroup(recipients, RoleGroups.FOREIGN_AFFAIRS_OFFICE);
    List<Value> values = List.of(Value.kept(String.valueOf(year)));
    for (User user : recipients.values()) {
      RenderedMail mail =
          composer.compose(
              NotificationKind.CALENDAR_MISSING,
              new MailModel(recipientName(user), null, values, null, tasklistLink()));
      outbox.add(NotificationKind.CALENDAR_MISSING, null, user.getEmail(), mail);
    }
  }

  private void send(
      DelegateExecution execution, NotificationKind kind, List<Value> values, Returned returned) {
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
    send(
        execution.getProcessInstanceId(),
        execution,
        kind,
        values,
        returned,
        tasklistLink(),
        recipients.values());
  }

  private void send(
      String processInstanceId,
      VariableScope scope,
      NotificationKind kind,
      List<Value> values,
      Returned returned,
      String link,
      Collection<User> recipients) {
    MailModel.TripSummary trip = summary(scope);
    for (User user : recipients) {
      RenderedMail mail =
          composer.compose(kind, new MailModel(recipientName(user), trip, values, returned, link));
      outbox.add(kind, processInstanceId, user.getEmail(), mail);
    }
  }

  /**
   * Why a task comes to the applicant again: a request that the rule check stopped lists the
   * findings; a request or report that a reviewer sent back gives the reviewer and the reason (and,
   * for a request, the rule check's notes). Null for a task that is not a second try.
   */
  private Returned whyBack(VariableScope scope, String taskKey) {
    if (TripProcess.REVISE_TRIP_REQUEST.equals(taskKey)) {
      if (Boolean.TRUE.equals(scope.getVariable(HAS_BLOCKING_FINDINGS))) {
        return Returned.findingsOnly(findings(scope));
      }
      DecisionSeen last = lastDecision(scope);
      // sent back by a review, or by an objection the foreign affairs office upheld
      return last != null
              && (Decision.SEND_BACK.is(last.decision()) || Decision.UPHOLD.is(last.decision()))
          ? decided(scope, last.reason(), findings(scope))
          : null;
    }
    if (TripProcess.FILE_TRIP_REPORT.equals(taskKey)) {
      DecisionSeen last = lastDecision(scope);
      // sent back by the verifier, or by an objection to the results the office upheld
      return last != null
              && ((Decision.SEND_BACK.is(last.decision())
                      && TripProcess.VERIFY_TRIP_REPORT.equals(last.task()))
                  || (Decision.UPHOLD.is(last.decision())
                      && TripProcess.DECIDE_POST_TRIP_OBJECTION.equals(last.task())))
          ? decided(scope, last.reason(), List.of())
          : null;
    }
    return null;
  }

  private Returned decided(VariableScope scope, String reason, List<Finding> findings) {
    DecisionSeen last = lastDecision(scope);
    String by = last == null ? null : person(last.decidedBy());
    Phrase level = last == null || last.reviewLevel() == null ? null : level(last);
    String said = reason != null && !reason.isBlank() ? reason : last == null ? "" : last.reason();
    return new Returned(by, level, said == null ? "" : said.strip(), findings);
  }

  private DecisionSeen lastDecision(VariableScope scope) {
    if (scope.getVariable(DECISIONS) == null) {
      return null;
    }
    DecisionSeen[] decisions = json.read(scope, DECISIONS, DecisionSeen[].class);
    return decisions.length == 0 ? null : decisions[decisions.length - 1];
  }

  private static Phrase level(DecisionSeen decision) {
    String code = decision == null ? null : decision.reviewLevel();
    return Labels.find(ReviewLevel.class, code)
        .map(Phrase::of)
        .orElse(Phrase.same(code == null ? "" : code));
  }

  /** The trip's findings in words, the blocking ones first. */
  private List<Finding> findings(VariableScope scope) {
    if (scope.getVariable(FINDINGS) == null) {
      return List.of();
    }
    return Arrays.stream(json.read(scope, FINDINGS, FindingSeen[].class))
        .map(
            f ->
                new Finding(
                    Labels.find(RuleName.class, f.rule())
                        .map(Phrase::of)
                        .orElse(Phrase.same(f.rule())),
                    Phrase.split(f.message()),
                    Severity.BLOCKING.code().equals(f.severity())))
        .sorted(Comparator.comparing(f -> !f.blocking()))
        .toList();
  }

  private MailModel.TripSummary summary(VariableScope scope) {
    TripRequest trip = json.read(scope, TRIP, TripRequest.class);
    List<Phrase> countries =
        trip.countries().stream().map(c -> Phrase.split(Countries.name(c))).toList();
    String unitName = names.unit(trip.unit());
    String requestNumber = (String) scope.getVariable(REQUEST_NUMBER);
    return new MailModel.TripSummary(
        (requestNumber != null ? requestNumber : Phrase.split(unitName).zh())
            + " · "
            + trip.departureDate()
            + " · "
            + countries.stream().map(Phrase::zh).collect(Collectors.joining("、")),
        requestNumber,
        person((String) scope.getVariable(APPLICANT)),
        unitName,
        trip.departureDate() + " — " + trip.returnDate(),
        trip.countries().stream().map(Countries::name).collect(Collectors.joining("、")),
        trip.purpose(),
        (String) scope.getVariable(APPROVAL_NUMBER));
  }

  /** A person as mail names them: 李娜, not li.na. */
  private String person(String userId) {
    return userId == null ? "" : Phrase.person(names.person(userId)).zh();
  }

  private static String recipientName(User user) {
    String name = Names.nameOf(user);
    return Phrase.person(name.isEmpty() ? user.getId() : name).zh();
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
}
