package org.tripapproval.approval;

import java.util.List;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripProcess;

/**
 * What the applicant does to their own trip from My trips by a message the model catches
 * (withdrawal, ADR 0015; a change after approval, ADR 0022). The applicant holds READ on their trip
 * only, never UPDATE (which would let them rewrite its variables through the REST API): so the
 * caller's own trip is checked here, first (404 for anyone else's, so that ids tell nothing), and
 * the action runs in one engine command with the authorization checks off for that command alone,
 * as the applicant, so that the trail names them.
 */
@Component
class AsApplicant {

  private final ProcessEngineConfigurationImpl engine;
  private final IdentityService identity;

  AsApplicant(ProcessEngineConfiguration engine, IdentityService identity) {
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.identity = identity;
  }

  /**
   * Runs {@code action} on the applicant's own trip, still running; {@code tooLate} is the refusal
   * when the message finds nothing to catch it, {@code changedMeanwhile} when another transaction
   * moved the trip in the same moment.
   */
  <T> T run(
      String processInstanceId,
      String applicant,
      BiFunction<ProcessEngineServices, HistoricProcessInstance, T> action,
      RuntimeException tooLate) {
    List<String> groups =
        identity.createGroupQuery().groupMember(applicant).unlimitedList().stream()
            .map(Group::getId)
            .toList();
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(applicant, groups);
    try {
      return engine
          .getCommandExecutorTxRequired()
          .execute(
              command ->
                  command.runWithoutAuthorization(
                      () -> {
                        ProcessEngineConfigurationImpl configuration =
                            command.getProcessEngineConfiguration();
                        HistoricProcessInstance trip =
                            configuration
                                .getHistoryService()
                                .createHistoricProcessInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .singleResult();
                        if (trip == null
                            || !TripProcess.isTrip(trip.getProcessDefinitionId())
                            || !applicant.equals(trip.getStartUserId())) {
                          throw WithdrawalRefused.notYours();
                        }
                        return action.apply(configuration.getProcessEngine(), trip);
                      }));
    } catch (MismatchingMessageCorrelationException departedMeanwhile) {
      throw tooLate;
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

  /** Whether the trip waits where the message of this name is caught. */
  static boolean waitsFor(RuntimeService runtime, String processInstanceId, String message) {
    return runtime
            .createEventSubscriptionQuery()
            .processInstanceId(processInstanceId)
            .eventType("message")
            .eventName(message)
            .count()
        > 0;
  }
}
