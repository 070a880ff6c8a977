package org.tripapproval.approval;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripProcess;

/**
 * The engine's side of the office's dashboard: reviews waiting and overdue, jobs that failed, and
 * incidents (a job out of retries). Queried at each scrape, without a user, so the engine counts
 * every trip; every node reports the same figures.
 */
@Component
class ProcessFigures implements MeterBinder {

  private final TaskService tasks;
  private final ManagementService management;
  private final RuntimeService runtime;

  ProcessFigures(TaskService tasks, ManagementService management, RuntimeService runtime) {
    this.tasks = tasks;
    this.management = management;
    this.runtime = runtime;
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    Gauge.builder("trips.reviews.waiting", this::reviewsWaiting)
        .description("Reviews waiting for a decision (待审批)")
        .strongReference(true)
        .register(meters);
    Gauge.builder("trips.reviews.overdue", this::reviewsOverdue)
        .description("Reviews waiting past their deadline (审批逾期)")
        .strongReference(true)
        .register(meters);
    Gauge.builder(
            "trips.engine.jobs.failing", () -> management.createJobQuery().withException().count())
        .description("Jobs whose last attempt failed (执行失败的作业)")
        .strongReference(true)
        .register(meters);
    Gauge.builder("trips.engine.incidents", () -> runtime.createIncidentQuery().count())
        .description("Incidents: jobs out of retries, waiting for an administrator (故障)")
        .strongReference(true)
        .register(meters);
  }

  private long reviewsWaiting() {
    return tasks
        .createTaskQuery()
        .processDefinitionKey(TripProcess.KEY)
        .taskDefinitionKey(TripProcess.REVIEW_TRIP_REQUEST)
        .count();
  }

  /**
   * A round of reviews has one deadline, a timer on the whole round that fires once: a review is
   * overdue when its round's timer is gone.
   */
  private long reviewsOverdue() {
    long pendingDeadlines =
        management.createJobQuery().timers().activityId(TripProcess.REVIEW_OVERDUE).count();
    return Math.max(0, reviewsWaiting() - pendingDeadlines);
  }
}
