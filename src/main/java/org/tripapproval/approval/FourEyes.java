package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.APPLICANT;
import static org.tripapproval.trip.TripVariables.TRIP;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;

/**
 * Four eyes (回避): nobody reviews a trip they applied for or travel on. Bound in the model to the
 * assignment and completion of the review and verification tasks, so a claim, an assignment by an
 * administrator or a completion through any API is refused by the engine. A member is matched by
 * the user id the request gives, and by name against the user's names in the identity service
 * (which users cannot change themselves: ReadOnlyOwnUser), whichever matches. Every refusal is
 * written to the audit trail in a transaction of its own, as the refused step itself is rolled
 * back.
 */
@Component("fourEyes")
public class FourEyes implements TaskListener {

  private final IdentityService identity;
  private final JsonVariables json;
  private final AuditTrail trail;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final ObjectMapper mapper;

  /** What the trail keeps of a refusal. */
  private record Refusal(String task, String taskId, String action, String reason) {}

  FourEyes(
      IdentityService identity,
      JsonVariables json,
      AuditTrail trail,
      Clock clock,
      PlatformTransactionManager transactions,
      ObjectMapper mapper) {
    this.identity = identity;
    this.json = json;
    this.trail = trail;
    this.clock = clock;
    this.mapper = mapper;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void notify(DelegateTask task) {
    Set<String> actors = new HashSet<>();
    if (task.getAssignee() != null) {
      actors.add(task.getAssignee());
    }
    Authentication caller = identity.getCurrentAuthentication();
    if (EVENTNAME_COMPLETE.equals(task.getEventName()) && caller != null) {
      actors.add(caller.getUserId());
    }
    for (String user : actors) {
      String conflict = conflictOf(user, task);
      if (conflict != null) {
        refuse(user, task, conflict);
      }
    }
  }

  /** Why the user may not review this trip, or null. */
  private String conflictOf(String user, DelegateTask task) {
    return conflictOf(
        user, (String) task.getVariable(APPLICANT), json.read(task, TRIP, TripRequest.class));
  }

  /** Why the user may not review the trip of this applicant: "applicant", "member", or null. */
  String conflictOf(String user, String applicant, TripRequest trip) {
    if (user.equals(applicant)) {
      return "applicant";
    }
    if (trip == null || trip.members() == null) {
      return null;
    }
    // the id where one is given, and always the name: an id the applicant typed is not checked
    // against
    // the directory, so it must not hide a member whose name is the reviewer's
    Set<String> names = namesOf(user);
    for (TripRequest.Member member : trip.members()) {
      if (member != null
          && (user.equals(member.userId()) || names.contains(normalized(member.name())))) {
        return "member";
      }
    }
    return null;
  }

  private Set<String> namesOf(String userId) {
    User user =
        Context.getCommandContext()
            .runWithoutAuthorization(
                () -> identity.createUserQuery().userId(userId).singleResult());
    Set<String> names = new HashSet<>();
    if (user != null) {
      String first = user.getFirstName() == null ? "" : user.getFirstName();
      String last = user.getLastName() == null ? "" : user.getLastName();
      for (String name : new String[] {first, last + first, first + last}) {
        if (!normalized(name).isEmpty()) {
          names.add(normalized(name));
        }
      }
    }
    return names;
  }

  private static String normalized(String name) {
    return name == null ? "" : name.replaceAll("[\\s·.]", "").toLowerCase(Locale.ROOT);
  }

  private void refuse(String user, DelegateTask task, String conflict) {
    String action = EVENTNAME_COMPLETE.equals(task.getEventName()) ? "complete" : "claim";
    String details;
    try {
      details =
          mapper.writeValueAsString(
              new Refusal(task.getTaskDefinitionKey(), task.getId(), action, conflict));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record the refusal", e);
    }
    ownTransaction.executeWithoutResult(
        status ->
            trail.appendNow(
                new AuditTrail.Entry(
                    task.getProcessInstanceId(),
                    "fourEyes.refused",
                    user,
                    clock.instant(),
                    details)));
    throw new FourEyesViolation(user, "applicant".equals(conflict));
  }
}
