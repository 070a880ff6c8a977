package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.TestPostgres;

/**
 * The rules' own endpoints on PostgreSQL, as their clients call them: a draft checked against the
 * rules without storing anything, and the annual plan loaded as CSV by administrators only and read
 * by reviewers and by the unit's own members.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class RulesApiIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.use(registry, "rules_api");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  RestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = new RestClient("http://localhost:" + port, null);
  }

  @Test
  void aDraftIsCheckedAgainstTheRulesWithoutStoringAnything() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();
    String tooLarge = RestTripDriver.write(aTrip().members(7).build());
    HttpResponse<String> checked =
        anonymous.as("zhang.wei").post("/api/rules/check?invitationLetter=true", tooLarge);
    assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
    assertThat(read(checked).get("findings").findValuesAsText("rule")).containsExactly("size");
    HttpResponse<String> incomplete =
        anonymous
            .as("zhang.wei")
            .post("/api/rules/check", RestTripDriver.write(aTrip().purpose("").build()));
    assertThat(read(incomplete).get("problems").toString()).contains("purpose:");
    assertThat(read(incomplete).get("findings")).isEmpty();
    assertThat(anonymous.post("/api/rules/check", tooLarge).statusCode()).isEqualTo(401);
    assertThat(anonymous.as("zhang.wei").post("/api/rules/check", "{not json").statusCode())
        .isEqualTo(400);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void administratorsLoadTheAnnualPlanAsCsvAndABadFileChangesNothing() {
    String csv =
        "reference,title,headcount\n2027-商务-03,\"赴日本商谈合作备忘录, 并考察企业\",4\n2027-商务-04,赴韩国招商,2\n";
    RestClient admin = anonymous.as("admin");
    HttpResponse<String> loaded =
        admin.send(
            admin
                .request("/api/plans/commerce/2030")
                .header("Content-Type", "text/csv; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)));
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    assertThat(read(loaded).get("entries").asInt()).isEqualTo(2);
    JsonNode plan = read(expect(anonymous.as("wang.fang").get("/api/plans/commerce/2030"), 200));
    assertThat(plan.findValuesAsText("title")).containsExactly("赴日本商谈合作备忘录, 并考察企业", "赴韩国招商");

    HttpResponse<String> bad =
        admin.send(
            admin
                .request("/api/plans/commerce/2030")
                .header("Content-Type", "text/csv")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "reference,title,headcount\nA,x,1\nA,y,two\n")));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("line 3: reference", "line 3: headcount");
    assertThat(read(expect(anonymous.as("wang.fang").get("/api/plans/commerce/2030"), 200)))
        .as("unchanged")
        .hasSize(2);

    assertThat(
            anonymous
                .as("zhang.wei")
                .send(
                    anonymous
                        .as("zhang.wei")
                        .request("/api/plans/commerce/2030")
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofString(csv)))
                .statusCode())
        .isEqualTo(403);
    // an applicant reads their own unit's plan, to choose the entry, and no other unit's
    assertThat(
            read(expect(anonymous.as("zhang.wei").get("/api/plans/commerce/2030"), 200))
                .findValuesAsText("reference"))
        .containsExactly("2027-商务-03", "2027-商务-04");
    HttpResponse<String> otherUnit = anonymous.as("sun.li").get("/api/plans/commerce/2030");
    assertThat(otherUnit.statusCode()).isEqualTo(403);
    assertThat(otherUnit.body()).doesNotContain("2027-商务-03");
    assertThat(anonymous.as("zhang.wei").get("/api/plans/education/2030").statusCode())
        .isEqualTo(403);
    assertThat(
            anonymous.as("zhang.wei").get("/api/plans/education%2F..%2Fcommerce/2030").statusCode())
        .isIn(400, 403);
    assertThat(anonymous.as("zhao.lei").get("/api/plans/commerce/2030").statusCode())
        .as("an auditor is no member of the unit")
        .isEqualTo(403);
    assertThat(anonymous.get("/api/plans/commerce/2030").statusCode()).isEqualTo(401);
    HttpResponse<String> unknownUnit =
        admin.send(
            admin
                .request("/api/plans/nowhere/2030")
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)));
    assertThat(unknownUnit.statusCode()).isEqualTo(400);
    assertThat(unknownUnit.body()).contains("\"parameter\":\"unit\"");
    assertThat(admin.get("/api/plans/commerce/1999").statusCode()).isEqualTo(400);
  }
}
