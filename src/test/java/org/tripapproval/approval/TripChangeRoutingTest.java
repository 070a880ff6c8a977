package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * trip-change-routing.dmn as the engine evaluates it: the office for every change, and each other
 * level only where its grounds changed (docs/adr/0022).
 */
class TripChangeRoutingTest {

  static DmnEngine dmn;
  static DmnDecision routing;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("bpmn", "trip-change-routing.dmn"))) {
      routing = dmn.parseDecision("trip-change-routing", in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "dates only;                     false; false; false; false; false; foreignAffairs",
        "dates and budget;               false; false; true;  false; false; foreignAffairs finance",
        "a member swapped;               true;  false; false; false; false; unitHead foreignAffairs",
        "another country;                false; true;  true;  false; false; unitHead foreignAffairs finance",
        "a bureau-level member joins;    true;  false; false; false; true;  unitHead foreignAffairs leadership",
        "the budget crosses the limit;   false; false; true;  false; true;  foreignAffairs finance leadership",
        "dates of a leadership trip;     false; false; false; true;  true;  foreignAffairs",
        "members of a leadership trip;   true;  false; false; true;  true;  unitHead foreignAffairs leadership",
        "countries of a leadership trip; false; true;  false; true;  true;  unitHead foreignAffairs leadership",
        "leadership no longer needed;    true;  false; false; true;  false; unitHead foreignAffairs"
      })
  void routesTheChangeToTheOfficeAndToEveryLevelWhoseGroundsChanged(
      String change,
      boolean members,
      boolean countries,
      boolean budget,
      boolean leadershipBefore,
      boolean leadershipAfter,
      String levels) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("membersChanged", members);
    facts.put("countriesChanged", countries);
    facts.put("budgetChanged", budget);
    facts.put("leadershipRequiredBefore", leadershipBefore);
    facts.put("leadershipRequiredAfter", leadershipAfter);
    List<Object> routed = dmn.evaluateDecisionTable(routing, facts).collectEntries("reviewLevel");
    assertThat(routed).containsExactlyElementsOf(Arrays.asList((Object[]) levels.split(" ")));
  }
}
