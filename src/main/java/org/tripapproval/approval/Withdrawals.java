package org.tripapproval.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.trip.PlainText;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripVariables;

/**
 * The applicant withdraws their own trip before departure, from My trips (我的出访): by correlating the
 * message that the subprocess {@code beforeDeparture} catches (docs/adr/0015).
 *
 * <p>The applicant holds READ on their trip only, never UPDATE (which would let them rewrite its
 * variables through the REST API): so this service checks what the engine's authorizations cannot
 * express (the caller is the trip's applicant, the trip is before departure, a reason is given) and
 * then correlates in one engine command with the authorization checks off for that command alone,
 * as the applicant, so that the trail names them. The reason travels as a transient variable (never
 * stored, so never a client's write of the trip's data); the model's own step, {@code
 * recordWithdrawal}, stores it.
 */
@Service
public class Withdrawals {

  /** As long as a reviewer's reason may be. */
  static final int MAX_REASON_LENGTH = DecisionRules.MAX_REASON_LENGTH;

  static final String REASON = "reason";

  private final ProcessEngineConfigurationImpl engine;
  private final IdentityService identity;
  private final ObjectMapper mapper;

  Withdrawals(ProcessEngineConfiguration engine, IdentityService identity, ObjectMapper mapper) {
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.identity = identity;
    this.mapper = mapper;
  }

  /**
   * Withdraws the trip; refuses with 404 (not the caller's: asked first, so that nobody learns
   * anything of another's trip), 400 (the reason) or 409 (too late).
   */
  public void withdraw(String processInstanceId, String applicant, String reason) {
    List<String> groups =
        identity.createGroupQuery().groupMember(applicant).unlimitedList().stream()
            .map(Group::getId)
            .toList();
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(applicant, groups);
    try {
      engine
          .getCommandExecutorTxRequired()
          .execute(
              command ->
                  command.runWithoutAuthorization(
                      () -> correlate(command, processInstanceId, applicant, reason)));
    } catch (MismatchingMessageCorrelationException departedMeanwhile) {
      throw WithdrawalRefused.departed();
    } catch (OptimisticLockingException decidedMeanwhile) {
      throw WithdrawalRefused.changedMeanwhile();
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }

  private Void correlate(
      CommandContext command, String processInstanceId, String applicant, String reason) {
    ProcessEngineConfigurationImpl configuration = command.getProcessEngineConfiguration();
    HistoryService history = configuration.getHistoryService();
    RuntimeService runtime = configuration.getRuntimeService();
    HistoricProcessInstance trip =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    if (trip == null
        || !TripProcess.isTrip(trip.getProcessDefinitionId())
        || !applicant.equals(trip.getStartUserId())) {
      throw WithdrawalRefused.notYours();
    }
    String given = checkedReason(reason);
    if (trip.getEndTime() != null) {
      throw WithdrawalRefused.ended();
    }
    if (!isWithdrawable(runtime, processInstanceId)) {
      throw WithdrawalRefused.departed();
    }
    runtime
        .createMessageCorrelation(TripProcess.WITHDRAWAL_REQUESTED)
        .processInstanceId(processInstanceId)
        .setVariable(TripVariables.WITHDRAWAL_REQUEST_REASON, Variables.stringValue(given, true))
        .correlateWithResult();
    return null;
  }

  /** Whether the trip still waits before departure, where the withdrawal message is caught. */
  static boolean isWithdrawable(RuntimeService runtime, String processInstanceId) {
    return runtime
            .createEventSubscriptionQuery()
            .processInstanceId(processInstanceId)
            .eventType("message")
            .eventName(TripProcess.WITHDRAWAL_REQUESTED)
            .count()
        > 0;
  }

  private String checkedReason(String reason) {
    String given = reason == null ? "" : reason.strip();
    if (given.isEmpty()) {
      throw new InvalidParameterException(REASON, "请说明撤回的理由 / say why the trip is withdrawn");
    }
    if (given.length() > MAX_REASON_LENGTH) {
      throw new InvalidParameterException(
          REASON, "不超过" + MAX_REASON_LENGTH + "字 / at most " + MAX_REASON_LENGTH + " characters");
    }
    if (!PlainText.problems(given, mapper).isEmpty()) {
      throw new InvalidParameterException(REASON, "含有不可见的控制字符 / contains control characters");
    }
    return given;
  }
}
