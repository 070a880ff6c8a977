package org.tripapproval.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.TestPostgres;

/**
 * The working-day calendar's endpoint on PostgreSQL: administrators load a year as CSV, a bad file
 * changes nothing, everyone logged in may read it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class WorkCalendarApiIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.use(registry, "calendar_api");
  }

  @LocalServerPort int port;

  RestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = new RestClient("http://localhost:" + port, null);
  }

  @Test
  void administratorsKeepTheWorkingDayCalendarAndEveryoneMayReadIt() {
    RestClient admin = anonymous.as("admin");
    String csv = "date,kind,name\n2029-01-01,HOLIDAY,元旦\n2029-02-17,WORKDAY,春节调休\n";
    HttpResponse<String> loaded =
        admin.send(
            admin
                .request("/api/calendar/2029")
                .header("Content-Type", "text/csv; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)));
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    assertThat(
            read(expect(anonymous.as("zhang.wei").get("/api/calendar/2029"), 200))
                .findValuesAsText("name"))
        .containsExactly("元旦", "春节调休");
    HttpResponse<String> bad =
        admin.send(
            admin
                .request("/api/calendar/2029")
                .header("Content-Type", "text/csv")
                .PUT(
                    HttpRequest.BodyPublishers.ofString("date,kind,name\n2028-12-31,HOLIDAY,x\n")));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("line 2: date");
    assertThat(
            anonymous
                .as("wang.fang")
                .send(
                    anonymous
                        .as("wang.fang")
                        .request("/api/calendar/2029")
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofString(csv)))
                .statusCode())
        .isEqualTo(403);
    assertThat(anonymous.get("/api/calendar/2029").statusCode()).isEqualTo(401);
    assertThat(read(expect(anonymous.as("zhang.wei").get("/api/calendar/2029"), 200)))
        .as("unchanged")
        .hasSize(2);
  }
}
