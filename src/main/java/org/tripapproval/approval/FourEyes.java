package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.APPLICANT;
import static org.tripapproval.trip.TripVariables.PROPOSED_TRIP;
import static org.tripapproval.trip.TripVariables.TRIP;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.people.Directory;
import org.tripapproval.people.Person;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * Four eyes (回避, {@link FourEyesRule}) held by the engine: bound in the model to the assignment and
 * completion of the review and verification tasks, so a claim, an assignment by an administrator or
 * a completion through any API is refused. The reviewer's names come from the identity service
 * (which users cannot change themselves: ReadOnlyOwnUser). Every refusal is written to the audit
 * trail in a transaction of its own, as the refused step itself is rolled back.
 */
@Component("fourEyes")
public class FourEyes implements TaskListener {

  private final IdentityService identity;
  private final JsonVariables json;
  private final AuditTrail trail;
  private final Directory directory;

  FourEyes(IdentityService identity, JsonVariables json, AuditTrail trail, Directory directory) {
    this.identity = identity;
    this.json = json;
    this.trail = trail;
    this.directory = directory;
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
    String applicant = (String) task.getVariable(APPLICANT);
    String conflict = conflictOf(user, applicant, json.read(task, TRIP, TripRequest.class));
    if (conflict == null
        && TripProcess.REVIEW_TRIP_CHANGE.equals(task.getTaskDefinitionKey())
        && task.getVariable(PROPOSED_TRIP) != null) {
      // who joins with the change does not approve it either
      conflict = conflictOf(user, applicant, json.read(task, PROPOSED_TRIP, TripRequest.class));
    }
    return conflict;
  }

  /** Why the user may not review the trip of this applicant: "applicant", "member", or null. */
  String conflictOf(String user, String applicant, TripRequest trip) {
    String personId = directory.ofUser(user).map(Person::id).orElse(null);
    return FourEyesRule.conflictOf(user, personId, namesOf(user), applicant, trip);
  }

  private Set<String> namesOf(String userId) {
    User user =
        Context.getCommandContext()
            .runWithoutAuthorization(
                () -> identity.createUserQuery().userId(userId).singleResult());
    return user == null ? Set.of() : FourEyesRule.namesOf(user.getFirstName(), user.getLastName());
  }

  private void refuse(String user, DelegateTask task, String conflict) {
    String action = EVENTNAME_COMPLETE.equals(task.getEventName()) ? "complete" : "claim";
    Map<String, String> details = new LinkedHashMap<>();
    details.put("task", task.getTaskDefinitionKey());
    details.put("taskId", task.getId());
    details.put("action", action);
    details.put("reason", conflict);
    trail.recordRefusal(task.getProcessInstanceId(), "fourEyes.refused", user, details);
    throw new FourEyesViolation(user, FourEyesRule.APPLICANT.equals(conflict));
  }
}
