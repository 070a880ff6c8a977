package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Service;
import org.tripapproval.identity.Names;
import org.tripapproval.registry.TripRegistry;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;
import org.tripapproval.trip.TripVariables;

/**
 * A unit's disclosure board (公示栏): its trips in pre-trip disclosure (who goes where, why, on whose
 * invitation, with which money) and in post-trip disclosure (what came of it), each with its
 * window. Whether an objection is open is shown; who raised it is not (only the foreign affairs
 * office's task and the auditors' trail name the objector). The registry chooses the unit's trips;
 * the engine, read without the caller's authorizations, gives their data: who may read the board is
 * decided at the edge (web/WebSecurity) and again by the API.
 */
@Service
class DisclosureBoard {

  /** More trips than a unit discloses at once in years. */
  static final int MAX_TRIPS = 200;

  private static final List<TripStatus> ON_THE_BOARD =
      List.of(TripStatus.DISCLOSURE, TripStatus.RESULTS_DISCLOSED);

  private final TripRegistry registry;
  private final Names names;
  private final ProcessEngineConfigurationImpl engine;
  private final ObjectMapper mapper;

  DisclosureBoard(
      TripRegistry registry, Names names, ProcessEngineConfiguration engine, ObjectMapper mapper) {
    this.registry = registry;
    this.names = names;
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.mapper = mapper;
  }

  record Board(String unit, String unitName, List<Disclosed> trips) {}

  record Country(String code, String name) {}

  record Member(String name, String post, String rank) {}

  record Day(LocalDate date, String country, String city, String activity, String counterpart) {}

  record Funding(String item, BigDecimal amount, String fundingSource) {}

  record Result(String task, String result) {}

  /** One trip as the board shows it. */
  record Disclosed(
      String processInstanceId,
      String requestNumber,
      String phase,
      String phaseLabel,
      String unitName,
      List<Member> members,
      List<Country> countries,
      LocalDate departureDate,
      LocalDate returnDate,
      String purpose,
      List<String> tasks,
      List<Day> itinerary,
      String invitingBody,
      String invitingCountry,
      List<Funding> budget,
      BigDecimal totalBudget,
      Instant windowStart,
      Instant windowEnd,
      boolean objectionOpen,
      boolean objectable,
      List<Result> results,
      String followUp) {}

  Board of(String unit) {
    List<Disclosed> trips =
        registry.tripsOfUnitIn(unit, ON_THE_BOARD, MAX_TRIPS).stream()
            .map(
                id ->
                    engine
                        .getCommandExecutorTxRequired()
                        .execute(
                            command ->
                                command.runWithoutAuthorization(() -> read(command, id, unit))))
            .flatMap(Optional::stream)
            .toList();
    return new Board(unit, names.unit(unit), trips);
  }

  private Optional<Disclosed> read(CommandContext command, String id, String unit) {
    ProcessEngineConfigurationImpl configuration = command.getProcessEngineConfiguration();
    var runtime = configuration.getRuntimeService();
    if (runtime.createProcessInstanceQuery().processInstanceId(id).count() == 0) {
      return Optional.empty();
    }
    List<String> active = runtime.getActiveActivityIds(id);
    boolean preTrip =
        active.contains(TripProcess.PRE_TRIP_DISCLOSURE_ENDED)
            || active.contains(TripProcess.DECIDE_OBJECTION)
            || active.contains(TripProcess.RECORD_OBJECTION);
    boolean postTrip =
        !preTrip
            && (active.contains(TripProcess.POST_TRIP_DISCLOSURE_ENDED)
                || active.contains(TripProcess.DECIDE_POST_TRIP_OBJECTION)
                || active.contains(TripProcess.RECORD_POST_TRIP_OBJECTION));
    if (!postTrip && !preTrip) {
      return Optional.empty(); // the registry runs a step behind: the window has just closed
    }
    TripRequest trip = json(runtime.getVariableTyped(id, TripVariables.TRIP), TripRequest.class);
    if (trip == null) {
      return Optional.empty();
    }
    TripReport report =
        postTrip
            ? json(runtime.getVariableTyped(id, TripVariables.REPORT), TripReport.class)
            : null;
    String windowActivity =
        preTrip ? TripProcess.PRE_TRIP_DISCLOSURE : TripProcess.POST_TRIP_DISCLOSURE;
    String timer =
        preTrip ? TripProcess.PRE_TRIP_DISCLOSURE_ENDED : TripProcess.POST_TRIP_DISCLOSURE_ENDED;
    Instant start =
        configuration
            .getHistoryService()
            .createHistoricActivityInstanceQuery()
            .processInstanceId(id)
            .activityId(windowActivity)
            .unfinished()
            .list()
            .stream()
            .map(HistoricActivityInstance::getStartTime)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .map(Date::toInstant)
            .orElse(null);
    Instant end =
        configuration
            .getManagementService()
            .createJobQuery()
            .processInstanceId(id)
            .activityId(timer)
            .timers()
            .list()
            .stream()
            .map(Job::getDuedate)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .map(Date::toInstant)
            .orElse(null);
    boolean objectionOpen =
        configuration
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(id)
                .taskDefinitionKeyIn(
                    TripProcess.DECIDE_OBJECTION, TripProcess.DECIDE_POST_TRIP_OBJECTION)
                .count()
            > 0;
    TripStatus phase = preTrip ? TripStatus.DISCLOSURE : TripStatus.RESULTS_DISCLOSED;
    Object requestNumber = runtime.getVariable(id, TripVariables.REQUEST_NUMBER);
    return Optional.of(
        new Disclosed(
            id,
            requestNumber == null ? null : requestNumber.toString(),
            phase.code(),
            phase.label(),
            names.unit(unit),
            trip.members().stream()
                .map(
                    member ->
                        new Member(
                            member.name(),
                            member.post(),
                            member.rank() == null ? null : member.rank().label()))
                .toList(),
            trip.itinerary().stream()
                .map(TripRequest.ItineraryDay::country)
                .distinct()
                .map(code -> new Country(code, Countries.name(code)))
                .toList(),
            trip.departureDate(),
            trip.returnDate(),
            trip.purpose(),
            trip.tasks(),
            trip.itinerary().stream()
                .map(
                    day ->
                        new Day(
                            day.date(),
                            Countries.name(day.country()),
                            day.city(),
                            day.activity(),
                            day.counterpart()))
                .toList(),
            trip.invitation() == null ? null : trip.invitation().organisation(),
            trip.invitation() == null ? null : Countries.name(trip.invitation().country()),
            trip.budget().stream()
                .map(item -> new Funding(item.item(), item.amount(), item.fundingSource()))
                .toList(),
            trip.budget().stream()
                .map(TripRequest.BudgetItem::amount)
                .filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add),
            start,
            end,
            objectionOpen,
            Objections.isOpen(runtime, id),
            report == null
                ? List.of()
                : report.taskResults().stream()
                    .map(result -> new Result(result.task(), result.result()))
                    .toList(),
            report == null ? null : report.followUp()));
  }

  private <T> T json(TypedValue value, Class<T> type) {
    if (value == null || value.getValue() == null) {
      return null;
    }
    String raw =
        value instanceof JsonValue json ? json.getValueSerialized() : value.getValue().toString();
    try {
      return mapper.readValue(raw, type);
    } catch (JsonProcessingException unreadable) {
      return null;
    }
  }
}
