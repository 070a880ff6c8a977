package org.tripapproval.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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
 * A member of a trip's unit objects (异议) from the disclosure board: by correlating the message that
 * the event subprocess of either disclosure window (pre-trip, post-trip) starts on, as Withdrawals
 * does for the applicant (docs/adr/0016). The checks the engine's authorizations cannot express
 * come first, in the same command: the trip is on this unit's board, the caller belongs to the
 * unit, the grounds are given, the window is open. The grounds travel as a transient variable; the
 * model's own step {@code recordObjection} keeps them and the objector on the objection's scope.
 */
@Service
public class Objections {

  static final int MAX_GROUNDS_LENGTH = DecisionRules.MAX_REASON_LENGTH;
  static final String GROUNDS = "grounds";

  private final ProcessEngineConfigurationImpl engine;
  private final IdentityService identity;
  private final ObjectMapper mapper;

  Objections(ProcessEngineConfiguration engine, IdentityService identity, ObjectMapper mapper) {
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.identity = identity;
    this.mapper = mapper;
  }

  /** Raises the objection; refuses with 404, 403, 400 (the grounds) or 409 (no window open). */
  public void raise(String unit, String processInstanceId, String objector, String grounds) {
    List<String> groups =
        identity.createGroupQuery().groupMember(objector).unlimitedList().stream()
            .map(Group::getId)
            .toList();
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(objector, groups);
    try {
      engine
          .getCommandExecutorTxRequired()
          .execute(
              command ->
                  command.runWithoutAuthorization(
                      () -> correlate(command, unit, processInstanceId, groups, grounds)));
    } catch (MismatchingMessageCorrelationException closedMeanwhile) {
      throw ObjectionRefused.windowClosed();
    } catch (OptimisticLockingException changedMeanwhile) {
      throw ObjectionRefused.changedMeanwhile();
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }

  private Void correlate(
      CommandContext command,
      String unit,
      String processInstanceId,
      List<String> callerGroups,
      String grounds) {
    ProcessEngineConfigurationImpl configuration = command.getProcessEngineConfiguration();
    RuntimeService runtime = configuration.getRuntimeService();
    HistoricProcessInstance trip =
        configuration
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    if (trip == null
        || !TripProcess.isTrip(trip.getProcessDefinitionId())
        || !unit.equals(unitOf(configuration, processInstanceId))) {
      throw ObjectionRefused.notOnTheBoard();
    }
    if (!callerGroups.contains(unit)) {
      throw ObjectionRefused.notAMember();
    }
    String given = checkedGrounds(grounds);
    if (trip.getEndTime() != null || !isOpen(runtime, processInstanceId)) {
      throw ObjectionRefused.windowClosed();
    }
    runtime
        .createMessageCorrelation(TripProcess.OBJECTION_REQUESTED)
        .processInstanceId(processInstanceId)
        .setVariable(TripVariables.OBJECTION_REQUEST_GROUNDS, Variables.stringValue(given, true))
        .correlateWithResult();
    return null;
  }

  private static String unitOf(ProcessEngineConfigurationImpl configuration, String id) {
    return configuration
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(id)
        .variableName(TripVariables.UNIT)
        .list()
        .stream()
        .filter(variable -> id.equals(variable.getExecutionId()))
        .map(HistoricVariableInstance::getValue)
        .map(String.class::cast)
        .findFirst()
        .orElse(null);
  }

  /** Whether one of the trip's disclosure windows is open, where an objection is caught. */
  static boolean isOpen(RuntimeService runtime, String processInstanceId) {
    return runtime
            .createEventSubscriptionQuery()
            .processInstanceId(processInstanceId)
            .eventType("message")
            .eventName(TripProcess.OBJECTION_REQUESTED)
            .count()
        > 0;
  }

  private String checkedGrounds(String grounds) {
    String given = grounds == null ? "" : grounds.strip();
    if (given.isEmpty()) {
      throw new InvalidParameterException(GROUNDS, "请说明异议的理由 / say what the objection is");
    }
    if (given.length() > MAX_GROUNDS_LENGTH) {
      throw new InvalidParameterException(
          GROUNDS,
          "不超过" + MAX_GROUNDS_LENGTH + "字 / at most " + MAX_GROUNDS_LENGTH + " characters");
    }
    if (!PlainText.problems(given, mapper).isEmpty()) {
      throw new InvalidParameterException(GROUNDS, "含有不可见的控制字符 / contains control characters");
    }
    return given;
  }
}
