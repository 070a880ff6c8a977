package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.APPLICANT;
import static org.tripapproval.trip.TripVariables.REQUEST_NUMBER;
import static org.tripapproval.trip.TripVariables.TRIP;

import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tripapproval.identity.Names;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;

/**
 * A new task of a trip is named after the step and the trip: its request number (which begins with
 * the unit's short name), the applicant's name, the countries and the dates ("Review trip request
 * 审核出国申请 · 省商务厅-2026-0012 · 张伟 · 日本 Japan · 2026年5月10日–5月14日"). Tasklist's list shows a task's
 * name, and nothing else of its trip that every reviewer may read (the variables a filter lists are
 * shown only to those who may read the process instance, and the business key not at all): so the
 * name alone tells the trips apart.
 */
@Component("tripTaskName")
class TripTaskName implements TaskListener {

  /** The engine keeps a task's name in 255 characters. */
  static final int MAX_LENGTH = 255;

  private final JsonVariables json;
  private final Names names;

  TripTaskName(JsonVariables json, Names names) {
    this.json = json;
    this.names = names;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getVariable(REQUEST_NUMBER) instanceof String number) {
      String step = task.getBpmnModelElementInstance().getName();
      TripRequest trip =
          task.getVariable(TRIP) == null ? null : json.read(task, TRIP, TripRequest.class);
      String applicant = task.getVariable(APPLICANT) instanceof String id ? names.person(id) : null;
      task.setName(
          trip == null
              ? named(step, number)
              : named(
                  step,
                  number,
                  applicant,
                  trip.countries(),
                  trip.departureDate(),
                  trip.returnDate()));
    }
  }

  static String named(String step, String requestNumber) {
    return step + " · " + requestNumber;
  }

  /** The step, the number, who, where and when; cut to what the engine keeps. */
  static String named(
      String step,
      String requestNumber,
      String applicant,
      Collection<String> countries,
      LocalDate departure,
      LocalDate returning) {
    StringBuilder name = new StringBuilder(named(step, requestNumber));
    if (applicant != null && !applicant.isBlank()) {
      name.append(" · ").append(applicant);
    }
    if (!countries.isEmpty()) {
      name.append(" · ")
          .append(countries.stream().map(Countries::name).collect(Collectors.joining("、")));
    }
    name.append(" · ").append(dates(departure, returning));
    return name.length() <= MAX_LENGTH ? name.toString() : name.substring(0, MAX_LENGTH - 1) + "…";
  }

  /** 2026年5月10日–5月14日; the year again only where the trip crosses into the next. */
  static String dates(LocalDate departure, LocalDate returning) {
    String from =
        departure.getYear()
            + "年"
            + departure.getMonthValue()
            + "月"
            + departure.getDayOfMonth()
            + "日";
    String to =
        (returning.getYear() != departure.getYear() ? returning.getYear() + "年" : "")
            + returning.getMonthValue()
            + "月"
            + returning.getDayOfMonth()
            + "日";
    return from + "–" + to;
  }
}
