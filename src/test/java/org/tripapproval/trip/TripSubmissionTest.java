package org.tripapproval.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.Files;
import org.tripapproval.support.TripDriver;

/** Bad submissions are refused with the field named, and nothing is started. */
@SpringBootTest
@ActiveProfiles("test")
class TripSubmissionTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  static Stream<Arguments> badRequests() {
    LocalDate soon = LocalDate.now().plusDays(20);
    TripRequest valid = aTrip().build();
    return Stream.of(
        Arguments.of("purpose", aTrip().purpose(" ").build()),
        Arguments.of("members", aTrip().members(List.of()).build()),
        Arguments.of(
            "returnDate",
            aTrip()
                .departingOn(soon)
                .returningOn(soon.minusDays(1))
                .itinerary(valid.itinerary())
                .planned("p")
                .build()),
        Arguments.of("budget[0].amount", aTrip().budget(BigDecimal.ZERO).build()),
        Arguments.of("budget[0].amount", aTrip().budget(new BigDecimal("-100")).build()),
        Arguments.of("departureDate", aTrip().departingOn(LocalDate.now().minusDays(3)).build()),
        Arguments.of("plannedOrExplained", aTrip().unplanned(" ").build()),
        Arguments.of("unit", aTrip().unit("education").build()),
        Arguments.of(
            "invitation.noIntermediary",
            aTrip()
                .invitation(new TripRequest.Invitation("日本经济产业省 METI", "JP", null, true))
                .build()),
        Arguments.of(
            "invitation.noIntermediary",
            aTrip()
                .invitation(new TripRequest.Invitation("日本经济产业省 METI", "JP", false, true))
                .build()),
        Arguments.of(
            "invitation.notPaidByCompanyOrOverseasChinese",
            aTrip()
                .invitation(new TripRequest.Invitation("日本经济产业省 METI", "JP", true, null))
                .build()),
        Arguments.of("itinerary[0].country", aTrip().countries("XX").build()),
        Arguments.of(
            "itinerary[1].date",
            aTrip()
                .itinerary(
                    List.of(
                        valid.itinerary().get(0),
                        valid.itinerary().get(0),
                        valid.itinerary().get(2),
                        valid.itinerary().get(3)))
                .build()),
        Arguments.of(
            "itinerary",
            aTrip()
                .itinerary(
                    List.of(
                        valid.itinerary().get(0),
                        valid.itinerary().get(1),
                        valid.itinerary().get(3)))
                .build()),
        Arguments.of(
            "transits[0].country", aTrip().transits(new TripRequest.Transit("ZZ", true)).build()),
        Arguments.of(
            "transits[0].country", aTrip().transits(new TripRequest.Transit(" ", false)).build()),
        Arguments.of(
            "departureDate",
            aTrip()
                .departingOn(null)
                .returningOn(null)
                .itinerary(valid.itinerary())
                .planned("p")
                .build()),
        Arguments.of(
            "budget[0]",
            aTrip()
                .departingOn(soon)
                .returningOn(soon)
                .itinerary(valid.itinerary())
                .budget((TripRequest.BudgetItem) null)
                .planned("p")
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesABadRequestNamingTheFieldAndStartsNothing(String field, TripRequest trip) {
    long before = runningTrips();
    assertThatThrownBy(() -> driver.submit(trip))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining(field + ":")
        .hasMessageContaining(" / ");
    assertThat(runningTrips()).isEqualTo(before);
  }

  @Test
  void refusesARequestWithoutTripData() {
    long before = runningTrips();
    assertThatThrownBy(() -> driver.submit(Map.of("invitationLetter", Files.pdf("a.pdf"))))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("trip:");
    assertThatThrownBy(() -> driver.submit(Map.of("trip", "{not json")))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("trip:");
    assertThat(runningTrips()).isEqualTo(before);
  }

  @Test
  void refusesAnInvitationLetterThatIsNotAPdfOrImageOrTooLarge() {
    long before = runningTrips();
    for (Object letter : List.of(Files.disguisedScript(), Files.pdfOfSize(11 * 1024 * 1024))) {
      Map<String, Object> variables = new HashMap<>();
      variables.put("trip", driver.json(aTrip().build()));
      variables.put("invitationLetter", letter);
      assertThatThrownBy(() -> driver.submit(variables))
          .isInstanceOf(InvalidSubmissionException.class)
          .hasMessageContaining("invitationLetter:");
    }
    assertThat(runningTrips()).isEqualTo(before);
  }

  @Test
  void acceptsAValidRequestAsJsonTextToo() throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("trip", mapper.writeValueAsString(aTrip().build()));
    variables.put("invitationLetter", Files.pdf("a.pdf"));
    var trip = driver.submit(variables);
    assertThat(
            engine.getRuntimeService().getVariableTyped(trip.getId(), "trip").getType().getName())
        .isEqualTo("json");
  }

  private long runningTrips() {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey(TripProcess.KEY)
        .count();
  }
}
