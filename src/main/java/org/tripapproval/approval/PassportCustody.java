package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.people.Directory;
import org.tripapproval.people.Passports;
import org.tripapproval.people.Person;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.registry.TripRegistry;
import org.tripapproval.rules.PassportLimits;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripSettings;
import org.tripapproval.trip.TripStatus;
import org.tripapproval.trip.TripVariables;

/**
 * The office's two custody steps (ADR 0021): a passport goes out only for a trip with its approval
 * number, to one of its members, and is due back within the days after return that
 * trip-report-check.dmn sets; it comes back once. Each refusal says why.
 */
@Service
class PassportCustody {

  /** A trip that ended before it went has no passport to release. */
  private static final Set<TripStatus> NOT_TRAVELLING =
      EnumSet.of(TripStatus.REJECTED, TripStatus.WITHDRAWN, TripStatus.CLOSED, TripStatus.ENDED);

  private final TripRegistry registry;
  private final Passports passports;
  private final PassportLimits limits;
  private final Directory directory;
  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final TripSettings settings;
  private final RuntimeService runtime;
  private final ProcessEngineConfigurationImpl engine;

  PassportCustody(
      TripRegistry registry,
      Passports passports,
      PassportLimits limits,
      Directory directory,
      AuditTrail trail,
      ObjectMapper mapper,
      Clock clock,
      TripSettings settings,
      RuntimeService runtime,
      ProcessEngineConfiguration engine) {
    this.runtime = runtime;
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.registry = registry;
    this.passports = passports;
    this.limits = limits;
    this.directory = directory;
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
    this.settings = settings;
  }

  @Transactional
  Passports.Custody release(
      String trip, String personId, String passportNumber, String receivedBy, String releasedBy) {
    TripRegistry.ApprovedTrip approved =
        registry
            .approved(trip)
            .orElseThrow(
                () -> new CustodyRefused(409, "这次出访尚无批准文号 / the trip has no approval number yet"));
    if (NOT_TRAVELLING.contains(approved.status())) {
      throw new CustodyRefused(409, "这次出访已结束 / the trip has ended");
    }
    if (!registry.hasMember(trip, personId)) {
      throw new InvalidParameterException("personId", "不是这次出访的团员 / is not a member of the trip");
    }
    String number = passportNumber == null ? "" : passportNumber.strip().toUpperCase(Locale.ROOT);
    if (passports.find(number).filter(p -> p.personId().equals(personId)).isEmpty()) {
      throw new InvalidParameterException(
          "passportNumber", "不是此人登记的护照 / is not a passport registered to this person");
    }
    if (receivedBy == null || receivedBy.isBlank() || receivedBy.length() > 100) {
      throw new InvalidParameterException(
          "receivedBy", "必填,不超过100字 / is required, at most 100 characters");
    }
    if (passports.custody(trip, personId).isPresent()) {
      throw new CustodyRefused(409, "这本护照已为这次出访领出 / already released for this trip");
    }
    LocalDate dueBack = approved.returnDate().plusDays(limits.dueBackDays());
    passports.released(trip, personId, number, receivedBy.strip(), dueBack, releasedBy);
    Passports.Custody custody = passports.custody(trip, personId).orElseThrow();
    trailed("passport.released", custody, releasedBy, false);
    watched(custody);
    return custody;
  }

  @Transactional
  Passports.Custody returned(String trip, String personId, String returnedBy) {
    if (!passports.returned(trip, personId, returnedBy)) {
      throw new CustodyRefused(409, "这本护照不在领出状态 / the passport is not out for this trip");
    }
    Passports.Custody custody = passports.custody(trip, personId).orElseThrow();
    asProcess(
        () ->
            runtime
                .createMessageCorrelation(TripProcess.PASSPORT_RETURNED)
                .processInstanceBusinessKey(businessKey(trip, personId))
                .correlateAllWithResult());
    LocalDate today = LocalDate.ofInstant(custody.returnedAt(), settings.zone());
    trailed("passport.returned", custody, returnedBy, today.isAfter(custody.dueBack()));
    return custody;
  }

  /**
   * The trip's return date changed with an approved change (docs/adr/0022): the passports still out
   * are due back the set days after the new return date, each move in the trail; the process of
   * each (passport-custody.bpmn) hears of its new day and of the trip as it now is, and counts its
   * reminder and escalation again from that day.
   */
  void dueDayMoved(String trip, LocalDate newReturnDate) {
    LocalDate dueBack = newReturnDate.plusDays(limits.dueBackDays());
    for (Passports.Custody custody : passports.dueMoved(trip, dueBack)) {
      trailed("passport.dueMoved", custody, null, false);
      // a passport released before passport-custody.bpmn has no process: nothing to move
      asProcess(
          () ->
              runtime
                  .createMessageCorrelation(TripProcess.PASSPORT_DUE_MOVED)
                  .processInstanceBusinessKey(businessKey(trip, custody.personId()))
                  .setVariable(TripVariables.PASSPORT_DUE_BACK, custody.dueBack().toString())
                  .setVariable(
                      TripVariables.TRIP, runtime.getVariableTyped(trip, TripVariables.TRIP))
                  .correlateAllWithResult());
    }
  }

  /**
   * Starts passport-custody.bpmn for a passport just out: its reminder and escalation, with the
   * trip's words for the mail.
   */
  private void watched(Passports.Custody custody) {
    asProcess(
        () -> {
          Map<String, Object> variables = new HashMap<>();
          variables.put(TripVariables.PASSPORT_TRIP, custody.trip());
          variables.put(TripVariables.PASSPORT_HOLDER, custody.personId());
          variables.put(TripVariables.PASSPORT_NUMBER, custody.passportNumber());
          variables.put(TripVariables.PASSPORT_DUE_BACK, custody.dueBack().toString());
          // the trip's words for the mail, read at once
          variables.putAll(
              runtime.getVariablesTyped(
                  custody.trip(),
                  List.of(
                      TripVariables.TRIP,
                      TripVariables.REQUEST_NUMBER,
                      TripVariables.APPLICANT,
                      TripVariables.UNIT,
                      TripVariables.APPROVAL_NUMBER),
                  true));
          return runtime.startProcessInstanceByKey(
              TripProcess.PASSPORT_CUSTODY_KEY,
              businessKey(custody.trip(), custody.personId()),
              variables);
        });
  }

  private static String businessKey(String trip, String personId) {
    return trip + "/" + personId;
  }

  /**
   * The office's step, done by the process on its behalf: the office holds no rights on the
   * engine's process instances, and the caller's authorization is the passport API's.
   */
  private <T> T asProcess(Supplier<T> work) {
    return engine
        .getCommandExecutorTxRequired()
        .execute(command -> command.runWithoutAuthorization(work::get));
  }

  /** Each step in the trip's trail, with the person's name as the directory gives it. */
  private void trailed(String event, Passports.Custody custody, String actor, boolean late) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("personId", custody.personId());
    details.put(
        "name", directory.find(custody.personId()).map(Person::name).orElse(custody.personId()));
    details.put("passportNumber", custody.passportNumber());
    details.put("receivedBy", custody.receivedBy());
    details.put("dueBack", custody.dueBack().toString());
    details.put("late", late);
    try {
      trail.append(
          new AuditTrail.Entry(
              custody.trip(), event, actor, clock.instant(), mapper.writeValueAsString(details)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
