package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.REVIEW_TRIP_REQUEST;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * Four eyes goes by a member's user id where the request gives one; a typed name does not count
 * then.
 */
@SpringBootTest
@ActiveProfiles("test")
class FourEyesByUserIdTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void aMemberWithHerUserIdCannotReviewWhateverNameIsTyped() {
    ProcessInstance trip = submitWith(new Member("Lina L.", "处长", Rank.division, "li.na"));
    Task review = driver.openTask(trip, REVIEW_TRIP_REQUEST);

    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine.getTaskService().claim(review.getId(), "li.na");
                      return null;
                    }))
        .hasRootCauseInstanceOf(FourEyesViolation.class)
        .rootCause()
        .hasMessageContaining("li.na travels on this trip");
    assertThat(driver.openTask(trip, REVIEW_TRIP_REQUEST).getAssignee()).isNull();
  }

  @Test
  void anInventedUserIdDoesNotHideAMemberWhoseNameIsTheReviewers() {
    // 李娜 by name, with a user id the applicant made up: she still travels, so she may not review
    ProcessInstance trip = submitWith(new Member("李娜", "处长", Rank.division, "li.na.sales"));
    Task review = driver.openTask(trip, REVIEW_TRIP_REQUEST);

    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine.getTaskService().claim(review.getId(), "li.na");
                      return null;
                    }))
        .hasRootCauseInstanceOf(FourEyesViolation.class);
    assertThat(driver.openTask(trip, REVIEW_TRIP_REQUEST).getAssignee()).isNull();
  }

  @Test
  void aMalformedUserIdIsRefusedAtSubmission() {
    TripRequest trip =
        aTrip().members(List.of(new Member("李娜", "处长", Rank.division, "li na*"))).build();
    assertThatThrownBy(() -> driver.submit(trip)).hasMessageContaining("团员用户名格式不正确");
  }

  private ProcessInstance submitWith(Member member) {
    return driver.submit(
        aTrip().members(List.of(new Member("张伟", "副处长", Rank.division), member)).build());
  }
}
