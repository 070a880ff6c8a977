package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.rules.RuleFinding;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;

/**
 * Step applyTripChange (docs/adr/0022): once the history shows the change approved at every level
 * it was routed to, the changed trip becomes the approved one (the one write of the trip that
 * TripVariableGuard lets through after approval), the approval document is reissued as the next
 * revision, passports out move their due day with the return date, and the trail says what changed
 * and why.
 */
@Component("tripChangeApplier")
class TripChangeApplier implements JavaDelegate {

  static final String CHANGE_APPROVED = "trip.changeApproved";

  private final ApprovalHistory approvalHistory;
  private final ApprovalDocuments documents;
  private final JsonVariables json;
  private final Notifications notifications;
  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final PassportCustody passports;

  TripChangeApplier(
      ApprovalHistory approvalHistory,
      ApprovalDocuments documents,
      JsonVariables json,
      Notifications notifications,
      AuditTrail trail,
      ObjectMapper mapper,
      Clock clock,
      PassportCustody passports) {
    this.passports = passports;
    this.approvalHistory = approvalHistory;
    this.documents = documents;
    this.json = json;
    this.notifications = notifications;
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    approvalHistory.requireChangeApproved(execution);
    TripRequest changed = json.read(execution, PROPOSED_TRIP, TripRequest.class);
    json.write(execution, TRIP, changed);
    execution.setVariable(DEPARTURE_DATE, changed.departureDate().toString());
    execution.setVariable(RETURN_DATE, changed.returnDate().toString());
    execution.setVariable(PLANNED, changed.isPlanned());
    execution.setVariable(HIGHEST_RANK, changed.highestRank().name());
    execution.setVariable(DELEGATION_SIZE, changed.members().size());
    execution.setVariable(TOTAL_BUDGET, changed.totalBudget().doubleValue());
    json.write(
        execution, FINDINGS, List.of(json.read(execution, CHANGE_FINDINGS, RuleFinding[].class)));
    int changes =
        execution.getVariable(APPROVED_CHANGES) instanceof Integer earlier ? earlier + 1 : 1;
    execution.setVariable(APPROVED_CHANGES, changes);
    String number = (String) execution.getVariable(APPROVAL_NUMBER);
    ApprovalDocuments.Issued document =
        documents.reissue(
            execution.getProcessInstanceId(),
            number,
            changes + 1,
            (String) execution.getVariable(APPLICANT),
            (String) execution.getVariable(REQUEST_NUMBER),
            changed);
    passports.dueDayMoved(execution.getProcessInstanceId(), changed.returnDate());
    trailed(execution, changes, document.revision());
    for (NotificationKind notice :
        ModelNotices.named(execution.getBpmnModelElementInstance(), ModelNotices.NOTICE)) {
      notifications.send(execution, notice, number);
    }
  }

  private void trailed(DelegateExecution execution, int change, int revision) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", change);
    details.put("documentRevision", revision);
    details.put("reason", execution.getVariable(CHANGE_REASON));
    details.put("datesChanged", execution.getVariable(DATES_CHANGED));
    details.put("countriesChanged", execution.getVariable(COUNTRIES_CHANGED));
    details.put("membersChanged", execution.getVariable(MEMBERS_CHANGED));
    details.put("budgetChanged", execution.getVariable(BUDGET_CHANGED));
    details.put("reviewLevels", execution.getVariable(CHANGE_REVIEW_LEVELS));
    try {
      trail.append(
          new AuditTrail.Entry(
              execution.getProcessInstanceId(),
              CHANGE_APPROVED,
              null,
              clock.instant(),
              mapper.writeValueAsString(details)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
