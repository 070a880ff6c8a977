package org.tripapproval.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.people.PassportKind;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.IdType;
import org.tripapproval.trip.Labelled;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.RuleName;
import org.tripapproval.trip.Severity;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;

/**
 * The words users read, in both languages, from the enums that define them: the auditors' pages and
 * the task forms label codes with these instead of tables of their own. {@code GET
 * /api/vocabulary}, for anyone logged in. Each vocabulary is an object from code to word, in the
 * enum's order (the order the pages offer them in); the countries and regions by their ISO codes.
 */
@RestController
class VocabularyApi {

  record Word(String zh, String en, String label) {}

  record Vocabulary(
      Map<String, Word> tripStatuses,
      Map<String, Word> reportStatuses,
      Map<String, Word> decisions,
      Map<String, Word> reviewLevels,
      Map<String, Word> ranks,
      Map<String, Word> idTypes,
      Map<String, Word> passportKinds,
      Map<String, Word> budgetCategories,
      Map<String, Word> severities,
      Map<String, Word> rules,
      Map<String, Word> countries) {}

  private static final Vocabulary VOCABULARY =
      new Vocabulary(
          words(TripStatus.values()),
          words(ReportStatus.values()),
          words(Decision.values()),
          words(ReviewLevel.values()),
          words(TripRequest.Rank.values()),
          words(IdType.values()),
          words(PassportKind.values()),
          words(TripRequest.BudgetCategory.values()),
          words(Severity.values()),
          words(RuleName.values()),
          countries());

  @GetMapping("/api/vocabulary")
  Vocabulary vocabulary() {
    return VOCABULARY;
  }

  /** The countries and regions by their ISO codes, from the JDK's CLDR names (trip/Countries). */
  private static Map<String, Word> countries() {
    Map<String, Word> words = new LinkedHashMap<>();
    Countries.all()
        .forEach(
            country ->
                words.put(
                    country.code(),
                    new Word(country.zh(), country.en(), country.zh() + " " + country.en())));
    return words;
  }

  private static Map<String, Word> words(Labelled[] vocabulary) {
    Map<String, Word> words = new LinkedHashMap<>();
    Arrays.stream(vocabulary)
        .forEach(word -> words.put(word.code(), new Word(word.zh(), word.en(), word.label())));
    return words;
  }
}
