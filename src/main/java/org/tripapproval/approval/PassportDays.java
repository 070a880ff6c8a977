package org.tripapproval.approval;

import java.time.LocalDate;
import java.util.Date;
import org.springframework.stereotype.Component;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.trip.TripDeadlines;

/**
 * The timers of passport-custody.bpmn (ADR 0021), from the passport's due day (ISO date): the
 * reminder at the start of the working day before it, when the office is open and its holder at
 * work; the escalation at the start of the day after it.
 */
@Component("passportDays")
public class PassportDays {

  private final WorkingDays workingDays;
  private final TripDeadlines deadlines;

  PassportDays(WorkingDays workingDays, TripDeadlines deadlines) {
    this.workingDays = workingDays;
    this.deadlines = deadlines;
  }

  /** The start of the working day before the due day. */
  public Date reminder(String dueBack) {
    return deadlines.startOf(workingDays.minusWorkingDays(LocalDate.parse(dueBack), 1).toString());
  }

  /** The start of the day after the due day: the passport is late. */
  public Date overdue(String dueBack) {
    return deadlines.dayAfter(dueBack);
  }
}
