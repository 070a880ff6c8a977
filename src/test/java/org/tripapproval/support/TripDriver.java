package org.tripapproval.support;

import static org.awaitility.Awaitility.await;
import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.tripapproval.approval.Withdrawals;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripReport.TaskResult;
import org.tripapproval.trip.TripRequest;

/**
 * Acts as the demo users do in Tasklist: logged in (so the engine's authorizations apply), through
 * the form service, with the variables the forms submit. Timers are fired by hand.
 */
public final class TripDriver {

  public static final String APPLICANT = "zhang.wei";
  public static final Map<String, String> REVIEWER_BY_LEVEL =
      Map.of(
          "unitHead",
          "li.na",
          "foreignAffairs",
          "wang.fang",
          "finance",
          "liu.yang",
          "leadership",
          "chen.jing");
  public static final String VERIFIER = "wang.fang";

  private final ProcessEngine engine;
  private final ObjectMapper mapper;

  public TripDriver(ProcessEngine engine, ObjectMapper mapper) {
    this.engine = engine;
    this.mapper = mapper;
  }

  public ProcessInstance submit(TripRequest trip) {
    return submit(trip, null);
  }

  /** With a business key of the client's, as a start form with a business key field sends it. */
  public ProcessInstance submit(TripRequest trip, String businessKey) {
    return submitAs(APPLICANT, trip, businessKey);
  }

  public ProcessInstance submitAs(String applicant, TripRequest trip, String businessKey) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(TRIP, json(trip));
    variables.put(INVITATION_LETTER, Files.pdf("invitation.pdf"));
    return start(applicant, variables, businessKey);
  }

  public ProcessInstance submit(Map<String, Object> variables) {
    return start(APPLICANT, variables, null);
  }

  private ProcessInstance start(
      String applicant, Map<String, Object> variables, String businessKey) {
    return as(
        applicant,
        () -> {
          String definitionId =
              engine
                  .getRepositoryService()
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(TripProcess.KEY)
                  .latestVersion()
                  .singleResult()
                  .getId();
          return engine.getFormService().submitStartForm(definitionId, businessKey, variables);
        });
  }

  /** The current review task's level, as routed. */
  public String reviewLevel(ProcessInstance trip) {
    Task task = openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    return (String) engine.getTaskService().getVariable(task.getId(), REVIEW_LEVEL);
  }

  /** The reviewer of the current level claims the task and decides. */
  public void review(ProcessInstance trip, String decision, String reason) {
    decide(
        REVIEWER_BY_LEVEL.get(reviewLevel(trip)),
        trip,
        TripProcess.REVIEW_TRIP_REQUEST,
        decision,
        reason);
  }

  public void approveAllLevels(ProcessInstance trip) {
    while (isWaitingAt(trip, TripProcess.REVIEW_TRIP_REQUEST)) {
      review(trip, "approve", "同意 agreed");
    }
  }

  public void decide(
      String user, ProcessInstance trip, String taskKey, String decision, String reason) {
    Task task = openTask(trip, taskKey);
    as(
        user,
        () -> {
          engine.getTaskService().claim(task.getId(), user);
          Map<String, Object> variables = new HashMap<>();
          variables.put(DECISION, decision);
          variables.put(DECISION_REASON, reason);
          engine.getFormService().submitTaskForm(task.getId(), variables);
          return null;
        });
  }

  public void revise(ProcessInstance trip, TripRequest revised) {
    completeAsApplicant(trip, TripProcess.REVISE_TRIP_REQUEST, Map.of(TRIP, json(revised)));
  }

  /** The applicant withdraws the trip from My trips (the service behind its API). */
  public void withdraw(Withdrawals withdrawals, ProcessInstance trip, String reason) {
    withdrawals.withdraw(trip.getId(), APPLICANT, reason);
  }

  public void fileReport(ProcessInstance trip, TripReport report) {
    completeAsApplicant(trip, TripProcess.FILE_TRIP_REPORT, Map.of(REPORT, json(report)));
  }

  public void completeAsApplicant(
      ProcessInstance trip, String taskKey, Map<String, Object> variables) {
    Task task = openTask(trip, taskKey);
    as(
        APPLICANT,
        () -> {
          engine.getFormService().submitTaskForm(task.getId(), variables);
          return null;
        });
  }

  public static TripReport reportFor(TripRequest trip) {
    List<TaskResult> results =
        trip.tasks().stream()
            .map(task -> new TaskResult(task, "已完成:签署备忘录 done: memorandum signed"))
            .toList();
    return new TripReport(
        trip.departureDate(),
        trip.returnDate(),
        List.copyOf(trip.countries()),
        results,
        new BigDecimal("28500"),
        null,
        trip.returnDate().plusDays(2),
        "后续跟进 follow-up");
  }

  public void fireTimer(ProcessInstance trip, String activityId) {
    Job job =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(trip.getId())
            .activityId(activityId)
            .singleResult();
    if (job == null) {
      throw new AssertionError("no timer at " + activityId);
    }
    engine.getManagementService().executeJob(job.getId());
    runAsynchronousSteps(trip);
  }

  /**
   * The asynchronous steps the trip now waits at (issueApprovalNumber, applyTripChange), run as the
   * job executor would, if it is off.
   */
  public void runAsynchronousSteps(ProcessInstance trip) {
    for (String activity :
        List.of(TripProcess.ISSUE_APPROVAL_NUMBER, TripProcess.APPLY_TRIP_CHANGE)) {
      var steps =
          engine
              .getManagementService()
              .createJobQuery()
              .processInstanceId(trip.getId())
              .activityId(activity)
              .withRetriesLeft();
      if (((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .getJobExecutor()
          .isActive()) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> steps.count() == 0); // the job executor runs them
        continue;
      }
      for (Job step : steps.list()) {
        engine.getManagementService().executeJob(step.getId());
      }
    }
  }

  /**
   * From submission to the report task: every level approves, every timer up to the return fires.
   */
  public void approveAndTravel(ProcessInstance trip) {
    approveAllLevels(trip);
    fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    fireTimer(trip, TripProcess.DEPARTURE_DAY_REACHED);
    fireTimer(trip, TripProcess.TRIP_RETURNED);
  }

  public Task openTask(ProcessInstance trip, String taskKey) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(trip.getId())
            .taskDefinitionKey(taskKey)
            .singleResult();
    if (task == null) {
      throw new AssertionError("no open task " + taskKey);
    }
    return task;
  }

  public boolean isWaitingAt(ProcessInstance trip, String activityId) {
    return engine
            .getRuntimeService()
            .createExecutionQuery()
            .processInstanceId(trip.getId())
            .activityId(activityId)
            .count()
        > 0;
  }

  public Object json(Object value) {
    try {
      return SpinValues.jsonValue(mapper.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public <T> T as(String user, Supplier<T> action) {
    List<String> groups =
        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId)
            .toList();
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
