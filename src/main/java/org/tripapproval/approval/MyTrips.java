package org.tripapproval.approval;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.tripapproval.identity.Names;
import org.tripapproval.registry.TripRegistry;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripStatus;
import org.tripapproval.trip.TripVariables;

/**
 * My trips (我的出访): the applicant's own trips, in words, each with the step it waits for, that
 * step's deadline and whether it may still be withdrawn. From the trip registry, and for the trips
 * still running from the engine, read without the caller's authorizations: the registry has already
 * chosen the applicant's own trips.
 */
@Service
class MyTrips {

  /** A hundred trips are years of an official's travel; the list shows the latest. */
  static final int MAX_TRIPS = 100;

  private final TripRegistry registry;
  private final Names names;
  private final ProcessEngineConfigurationImpl engine;

  MyTrips(TripRegistry registry, Names names, ProcessEngineConfiguration engine) {
    this.registry = registry;
    this.names = names;
    this.engine = (ProcessEngineConfigurationImpl) engine;
  }

  /** A country by its code and in words. */
  record Country(String code, String name) {}

  /** One trip as the applicant reads it. */
  record MyTrip(
      String processInstanceId,
      String requestNumber,
      String unit,
      String unitName,
      List<Country> countries,
      LocalDate departureDate,
      LocalDate returnDate,
      String status,
      String statusLabel,
      String nextStep,
      String nextStepLabel,
      Instant deadline,
      String approvalNumber,
      boolean withdrawable,
      boolean changeable) {}

  List<MyTrip> of(String applicant) {
    return registry.tripsOfApplicant(applicant, MAX_TRIPS).stream().map(this::read).toList();
  }

  private MyTrip read(TripRegistry.OwnTrip trip) {
    boolean ended = !trip.status().countsAsTrip() || trip.status() == TripStatus.CLOSED;
    Waiting waiting =
        !ended
            ? engine
                .getCommandExecutorTxRequired()
                .execute(
                    command ->
                        command.runWithoutAuthorization(
                            () -> waiting(command, trip.processInstanceId())))
            : Waiting.NOTHING;
    return new MyTrip(
        trip.processInstanceId(),
        trip.requestNumber(),
        trip.unit(),
        names.unit(trip.unit()),
        trip.countries().stream().map(code -> new Country(code, Countries.name(code))).toList(),
        trip.departureDate(),
        trip.returnDate(),
        trip.status().code(),
        trip.status().label(),
        waiting.step().map(NextStep::code).orElse(null),
        waiting.label(),
        waiting.deadline(),
        trip.approvalNumber(),
        waiting.withdrawable(),
        waiting.changeable());
  }

  /** What a running trip waits for; nothing for a trip that has ended. */
  private record Waiting(
      Optional<NextStep> step,
      String label,
      Instant deadline,
      boolean withdrawable,
      boolean changeable) {
    static final Waiting NOTHING = new Waiting(Optional.empty(), null, null, false, false);
  }

  private Waiting waiting(CommandContext command, String processInstanceId) {
    ProcessEngineConfigurationImpl configuration = command.getProcessEngineConfiguration();
    RuntimeService runtime = configuration.getRuntimeService();
    if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
      return Waiting.NOTHING;
    }
    Optional<NextStep> step = NextStep.of(runtime.getActiveActivityIds(processInstanceId));
    String label = step.map(NextStep::label).orElse(null);
    Instant deadline = null;
    if (step.isPresent()) {
      deadline = deadline(configuration, processInstanceId, step.get());
      if (step.get() == NextStep.REVIEW) {
        label += level(configuration.getTaskService(), processInstanceId);
      }
    }
    return new Waiting(
        step,
        label,
        deadline,
        Withdrawals.isWithdrawable(runtime, processInstanceId),
        TripChanges.isChangeable(runtime, processInstanceId));
  }

  /**
   * The task's due date; for a review, when it is escalated as overdue; for a waiting timer, when
   * it fires.
   */
  private static Instant deadline(
      ProcessEngineConfigurationImpl configuration, String processInstanceId, NextStep step) {
    Optional<Date> due =
        configuration
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(step.activity())
            .unlimitedList()
            .stream()
            .map(Task::getDueDate)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder());
    if (due.isEmpty()) {
      String timer =
          switch (step) {
            case REVIEW -> TripProcess.REVIEW_OVERDUE;
            case DEPARTURE -> TripProcess.DEPARTURE_DAY_REACHED;
            default -> step.activity();
          };
      ManagementService management = configuration.getManagementService();
      due =
          management
              .createJobQuery()
              .processInstanceId(processInstanceId)
              .activityId(timer)
              .timers()
              .unlimitedList()
              .stream()
              .map(Job::getDuedate)
              .filter(Objects::nonNull)
              .min(Comparator.naturalOrder());
    }
    return due.map(Date::toInstant).orElse(null);
  }

  /** " · 单位负责人 Unit head": the level whose review it waits for. */
  private static String level(TaskService tasks, String processInstanceId) {
    return tasks
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(TripProcess.REVIEW_TRIP_REQUEST)
        .unlimitedList()
        .stream()
        .findFirst()
        .map(task -> tasks.getVariable(task.getId(), TripVariables.REVIEW_LEVEL))
        .flatMap(level -> Labels.find(ReviewLevel.class, String.valueOf(level)))
        .map(level -> " · " + level.label())
        .orElse("");
  }
}
