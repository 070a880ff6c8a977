package org.tripapproval.approval;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;
import org.tripapproval.trip.TripProcess;

/**
 * The applicant asks to change their approved trip before departure (变更, docs/adr/0022), from My
 * trips: by correlating the message that the trip catches while it waits for its departure, as the
 * applicant ({@link AsApplicant}). What changes is then entered in the model's own task,
 * requestTripChange, in Tasklist, whose id this answers.
 */
@Service
class TripChanges {

  private final AsApplicant asApplicant;
  private final TaskService tasks;

  TripChanges(AsApplicant asApplicant, TaskService tasks) {
    this.asApplicant = asApplicant;
    this.tasks = tasks;
  }

  /**
   * Opens a change of the trip; answers the id of the applicant's task that takes the changed trip.
   * Refuses with 404 (not the caller's) or 409 (not approved yet, a change under way, departed).
   */
  String request(String processInstanceId, String applicant) {
    asApplicant.run(
        processInstanceId,
        applicant,
        (engine, trip) -> {
          if (trip.getEndTime() != null) {
            throw ChangeRefused.tooLate();
          }
          if (!isChangeable(engine.getRuntimeService(), processInstanceId)) {
            throw isActive(engine, processInstanceId, TripProcess.TRIP_CHANGE)
                ? ChangeRefused.underWay()
                : isActive(engine, processInstanceId, TripProcess.BEFORE_DEPARTURE)
                    ? ChangeRefused.notApprovedYet()
                    : ChangeRefused.tooLate();
          }
          engine
              .getRuntimeService()
              .createMessageCorrelation(TripProcess.CHANGE_REQUESTED)
              .processInstanceId(processInstanceId)
              .correlateWithResult();
          return null;
        },
        ChangeRefused.tooLate());
    // the task is in the database once the correlation's transaction has ended
    return tasks
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(TripProcess.REQUEST_TRIP_CHANGE)
        .singleResult()
        .getId();
  }

  /** Whether the approved trip waits for its departure, where a change may be asked for. */
  static boolean isChangeable(RuntimeService runtime, String processInstanceId) {
    return AsApplicant.waitsFor(runtime, processInstanceId, TripProcess.CHANGE_REQUESTED);
  }

  private static boolean isActive(
      ProcessEngineServices engine, String processInstanceId, String step) {
    return engine
            .getHistoryService()
            .createHistoricActivityInstanceQuery()
            .processInstanceId(processInstanceId)
            .activityId(step)
            .unfinished()
            .count()
        > 0;
  }
}
