package org.tripapproval.notification;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;

/** Start and end of the disclosure windows: news for the applicant. */
@Component("tripMilestones")
class TripMilestones implements ExecutionListener {

  private static final Map<String, NotificationKind> STARTED =
      Map.of(
          TripProcess.PRE_TRIP_DISCLOSURE_ENDED, NotificationKind.PRE_TRIP_DISCLOSURE_STARTED,
          TripProcess.POST_TRIP_DISCLOSURE_ENDED, NotificationKind.POST_TRIP_DISCLOSURE_STARTED);
  private static final Map<String, NotificationKind> ENDED =
      Map.of(
          TripProcess.PRE_TRIP_DISCLOSURE_ENDED, NotificationKind.PRE_TRIP_DISCLOSURE_ENDED,
          TripProcess.POST_TRIP_DISCLOSURE_ENDED, NotificationKind.POST_TRIP_DISCLOSURE_ENDED);

  private final Notifications notifications;
  private final TripDeadlines deadlines;

  TripMilestones(Notifications notifications, TripDeadlines deadlines) {
    this.notifications = notifications;
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String activity = execution.getCurrentActivityId();
    if (EVENTNAME_START.equals(execution.getEventName())) {
      String until =
          deadlines.day(
              TripProcess.PRE_TRIP_DISCLOSURE_ENDED.equals(activity)
                  ? deadlines.preTripDisclosureEnd()
                  : deadlines.postTripDisclosureEnd());
      notifications.toApplicant(execution, STARTED.get(activity), until);
    } else if (!execution.isCanceled()) {
      notifications.toApplicant(execution, ENDED.get(activity), null);
    }
  }
}
