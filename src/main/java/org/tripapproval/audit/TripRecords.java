package org.tripapproval.audit;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.tripapproval.identity.Names;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.Labelled;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.TripRequest;

/**
 * One trip's complete record as the auditors read it: the request as last submitted, the findings,
 * every decision with the name of who took it, the report and its findings, the timeline in words
 * and each revision of the request as a difference — all read from the trail, with names for ids.
 */
@Service
class TripRecords {

  /** A decision with names and words instead of codes. */
  record Decided(
      String level,
      String decision,
      String reason,
      String decidedBy,
      String decidedAt,
      String onBehalfOf) {}

  record TripRecord(
      TripSearch.TripRow summary,
      String applicantName,
      String unitName,
      JsonNode request,
      Map<String, String> countryNames,
      JsonNode findings,
      JsonNode budgetStandards,
      List<Decided> decisions,
      JsonNode report,
      JsonNode reportFindings,
      List<Timeline.Revision> revisions,
      List<Timeline.Moment> timeline) {}

  private final AuditTrail trail;
  private final TripSearch search;
  private final Names names;
  private final ObjectMapper mapper;

  TripRecords(AuditTrail trail, TripSearch search, Names names, ObjectMapper mapper) {
    this.trail = trail;
    this.search = search;
    this.names = names;
    this.mapper = mapper;
  }

  Optional<TripRecord> of(String processInstanceId) {
    Optional<TripSearch.TripRow> row = search.byId(processInstanceId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> known = new HashMap<>();
    Timeline.Read read =
        Timeline.read(
            trail.forTrip(processInstanceId),
            mapper,
            id -> known.computeIfAbsent(id, names::person),
            this::word);
    Map<String, JsonNode> latest = read.latest();
    JsonNode request = latest.get(TRIP);
    JsonNode report = latest.get(REPORT);
    return Optional.of(
        new TripRecord(
            row.get(),
            names.person(row.get().applicant()),
            names.unit(row.get().unit()),
            request,
            countryNames(request, report),
            latest.get(FINDINGS),
            latest.get(BUDGET_STANDARDS),
            decisions(latest.get(DECISIONS), known),
            report,
            latest.get(REPORT_FINDINGS),
            read.revisions(),
            read.moments()));
  }

  private List<Decided> decisions(JsonNode decisions, Map<String, String> known) {
    List<Decided> decided = new ArrayList<>();
    if (decisions == null || !decisions.isArray()) {
      return decided;
    }
    for (JsonNode decision : decisions) {
      String by = decision.path("decidedBy").asText(null);
      String onBehalfOf = decision.path("onBehalfOf").asText(null);
      decided.add(
          new Decided(
              word(ReviewLevel.class, decision.path("reviewLevel").asText(null)),
              word(Decision.class, decision.path("decision").asText(null)),
              decision.path("reason").asText(null),
              by == null ? null : known.computeIfAbsent(by, names::person),
              decision.path("decidedAt").asText(null),
              onBehalfOf == null ? null : known.computeIfAbsent(onBehalfOf, names::person)));
    }
    return decided;
  }

  /**
   * What users read for a value of the request: names for the unit, countries, ranks, categories.
   */
  private String word(String field, String value) {
    return switch (field == null ? "" : field) {
      case "unit" -> names.unit(value);
      case "country" -> Countries.name(value);
      case "rank" -> word(TripRequest.Rank.class, value);
      case "category" -> word(TripRequest.BudgetCategory.class, value);
      case "noIntermediary", "notPaidByCompanyOrOverseasChinese", "leavesAirport" ->
          "true".equals(value) ? "是 Yes" : "否 No";
      default -> value;
    };
  }

  private static <T extends Enum<T> & Labelled> String word(Class<T> vocabulary, String code) {
    return code == null ? null : Labels.find(vocabulary, code).map(Labelled::label).orElse(code);
  }

  /** Names of every country the request and the report mention. */
  private static Map<String, String> countryNames(JsonNode request, JsonNode report) {
    Map<String, String> countries = new TreeMap<>();
    if (request != null) {
      request.path("itinerary").forEach(day -> add(countries, day.path("country")));
      request.path("transits").forEach(stop -> add(countries, stop.path("country")));
      add(countries, request.path("invitation").path("country"));
    }
    if (report != null) {
      report.path("actualCountries").forEach(country -> add(countries, country));
    }
    return countries;
  }

  private static void add(Map<String, String> countries, JsonNode code) {
    if (code.isTextual() && !code.asText().isBlank()) {
      countries.put(code.asText(), Countries.name(code.asText()));
    }
  }
}
