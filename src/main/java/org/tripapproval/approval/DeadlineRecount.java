package org.tripapproval.approval;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tripapproval.audit.ProvisionalDeadlines;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripSettings;

/**
 * Once a year's working-day calendar is loaded, every trip's waiting timer is counted again: its
 * date expression in the model is evaluated as on the day the timer was set ({@link
 * TripDeadlines#asOf}), and a timer whose date changes moves to it, with {@code deadline.moved} in
 * the trail. Timers that do not count working days come out the same and stay.
 */
@Component
class DeadlineRecount {

  private static final Logger log = LoggerFactory.getLogger(DeadlineRecount.class);

  private final ProcessEngineConfigurationImpl engine;
  private final ManagementService management;
  private final RepositoryService repository;
  private final TripDeadlines deadlines;
  private final TripSettings settings;
  private final ProvisionalDeadlines trail;

  DeadlineRecount(
      ProcessEngineConfiguration engine,
      ManagementService management,
      RepositoryService repository,
      TripDeadlines deadlines,
      TripSettings settings,
      ProvisionalDeadlines trail) {
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.management = management;
    this.repository = repository;
    this.deadlines = deadlines;
    this.settings = settings;
    this.trail = trail;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void onCalendarLoaded(WorkingDays.Loaded loaded) {
    int moved = recount();
    log.info("The {} calendar was loaded: {} waiting timers of trips moved", loaded.year(), moved);
  }

  /** Counts every waiting timer of a trip again; how many moved. */
  int recount() {
    Map<String, BpmnModelInstance> models = new HashMap<>();
    int moved = 0;
    for (Job job :
        management.createJobQuery().timers().processDefinitionKey(TripProcess.KEY).list()) {
      Optional<String> expression =
          timeDate(
              models.computeIfAbsent(
                  job.getProcessDefinitionId(), repository::getBpmnModelInstance),
              activityOf(job));
      if (expression.isPresent() && recount(job.getId(), expression.get())) {
        moved++;
      }
    }
    return moved;
  }

  private String activityOf(Job job) {
    return management
        .createJobDefinitionQuery()
        .jobDefinitionId(job.getJobDefinitionId())
        .singleResult()
        .getActivityId();
  }

  /** The timer's date expression in the model, for a timer that has one. */
  private static Optional<String> timeDate(BpmnModelInstance model, String activityId) {
    if (!(model.getModelElementById(activityId) instanceof FlowNode event)) {
      return Optional.empty();
    }
    return event.getChildElementsByType(TimerEventDefinition.class).stream()
        .map(TimerEventDefinition::getTimeDate)
        .filter(Objects::nonNull)
        .map(TimeDate::getTextContent)
        .findFirst();
  }

  private boolean recount(String jobId, String timeDate) {
    return engine
        .getCommandExecutorTxRequired()
        .execute(
            context -> {
              JobEntity job = context.getJobManager().findJobById(jobId);
              if (job == null || job.getExecutionId() == null) {
                return false; // fired or gone meanwhile
              }
              ExecutionEntity execution =
                  context.getExecutionManager().findExecutionById(job.getExecutionId());
              LocalDate setOn =
                  job.getCreateTime().toInstant().atZone(settings.zone()).toLocalDate();
              Expression expression = engine.getExpressionManager().createExpression(timeDate);
              Object counted;
              try {
                counted = deadlines.asOf(setOn, () -> expression.getValue(execution));
              } catch (RuntimeException e) {
                log.warn("Could not count timer {} again: {}", jobId, e.getMessage());
                return false;
              }
              if (!(counted instanceof Date due) || due.equals(job.getDuedate())) {
                return false;
              }
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("activity", job.getActivityId());
              details.put("name", nameOf(execution, job.getActivityId()));
              details.put("from", deadlines.day(job.getDuedate()));
              details.put("to", deadlines.day(due));
              job.setDuedate(due);
              trail.moved(job.getProcessInstanceId(), details);
              return true;
            });
  }

  private static String nameOf(ExecutionEntity execution, String activityId) {
    var activity = execution.getProcessDefinition().findActivity(activityId);
    return activity == null ? activityId : activity.getName();
  }
}
