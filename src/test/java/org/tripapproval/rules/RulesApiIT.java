package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
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
    // the plan's facts on PostgreSQL: five travellers under an entry of four, in the year of
    // departure
    LocalDate departure = LocalDate.now().plusDays(60);
    expect(
        admin.send(
            admin
                .request("/api/plans/commerce/" + departure.getYear())
                .header("Content-Type", "text/csv; charset=UTF-8")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "reference,title,headcount\n2027-商务-03,赴日本考察,8\n2027-商务-09,赴韩国招商,4\n"))),
        200);
    JsonNode overPlan =
        read(
            expect(
                anonymous
                    .as("zhang.wei")
                    .post(
                        "/api/rules/check?invitationLetter=true",
                        RestTripDriver.write(
                            aTrip()
                                .members(5)
                                .departingOn(departure)
                                .planned("2027-商务-09")
                                .build())),
                200));
    assertThat(overPlan.get("problems")).isEmpty();
    assertThat(overPlan.get("findings").findValuesAsText("message"))
        .anySatisfy(message -> assertThat(message).contains("2027-商务-09", "4"));

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

  @Test
  void financeLoadsPerDiemStandardsAndRatesAsVersionsAndABadFileChangesNothing() {
    RestClient finance = anonymous.as("liu.yang");
    String standards =
        "country,city,currency,lodging,meals,incidentals\nJP,,JPY,20000,10000,5000\n"
            + "JP,\"东京/Tokyo\",JPY,30000,10000,5000\nKR,首尔/Seoul,USD,180,70,35\n";
    HttpResponse<String> loaded =
        finance.send(
            csv(
                finance,
                "/api/per-diem/standards?version=2031-04&appliesFrom=2031-04-01",
                standards));
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    assertThat(read(loaded).get("rows").asInt()).isEqualTo(3);
    assertThat(read(loaded).get("loadedBy").asText()).isEqualTo("liu.yang");
    JsonNode versions = read(expect(anonymous.as("wang.fang").get("/api/per-diem/standards"), 200));
    assertThat(versions.findValuesAsText("version")).containsExactly("example-2013-516", "2031-04");
    assertThat(
            read(expect(finance.get("/api/per-diem/standards/2031-04"), 200))
                .findValuesAsText("city"))
        .containsExactlyInAnyOrder("", "东京/Tokyo", "首尔/Seoul");

    HttpResponse<String> bad =
        finance.send(
            csv(
                finance,
                "/api/per-diem/standards?version=2032-01&appliesFrom=2032-01-01",
                "country,city,currency,lodging,meals,incidentals\nJP,,JPY,1,1,1\nQQ,,JPY,1,1,1\n"
                    + "JP,,JPY,2,2,2\nKR,,USD,-1,abc,1\n"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains(
            "line 3: country: 不是ISO 3166-1两字母国家或地区代码 / QQ is not an ISO 3166-1",
            "line 4: city: 重复",
            "JP appears twice",
            "line 5: lodging: 不能为负数 / must not be negative",
            "line 5: meals: 须为数字 / abc is not a number");
    assertThat(
            read(expect(finance.get("/api/per-diem/standards"), 200)).findValuesAsText("version"))
        .as("unchanged")
        .containsExactly("example-2013-516", "2031-04");
    assertThat(finance.get("/api/per-diem/standards/2032-01").statusCode()).isEqualTo(400);
    HttpResponse<String> again =
        finance.send(
            csv(
                finance,
                "/api/per-diem/standards?version=2031-04&appliesFrom=2031-05-01",
                standards));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("\"parameter\":\"version\"", "never replaced");

    RestClient admin = anonymous.as("admin");
    HttpResponse<String> rates =
        admin.send(
            csv(
                admin,
                "/api/per-diem/rates?version=2031-04&appliesFrom=2031-04-01",
                "currency,yuan_per_unit\nUSD,7.2\nJPY,0.048\n"));
    assertThat(rates.statusCode()).as(rates.body()).isEqualTo(200);
    assertThat(
            read(expect(finance.get("/api/per-diem/rates/2031-04"), 200))
                .findValuesAsText("currency"))
        .containsExactly("JPY", "USD");

    for (String refused : new String[] {"zhang.wei", "wang.fang", "zhao.lei"}) {
      RestClient other = anonymous.as(refused);
      assertThat(
              other
                  .send(
                      csv(
                          other,
                          "/api/per-diem/standards?version=x"
                              + refused.length()
                              + "&appliesFrom=2040-01-01",
                          standards))
                  .statusCode())
          .as(refused + " may not load standards")
          .isEqualTo(403);
      assertThat(
              other
                  .send(
                      csv(
                          other,
                          "/api/per-diem/rates?version=y&appliesFrom=2040-01-01",
                          "currency,yuan_per_unit\nUSD,1\n"))
                  .statusCode())
          .isEqualTo(403);
    }
    assertThat(anonymous.get("/api/per-diem/standards").statusCode()).isEqualTo(401);

    String trail =
        expect(anonymous.as("zhao.lei").get("/api/audit/system-trail?size=200"), 200).body();
    assertThat(trail)
        .contains("perDiem.standards.loaded", "perDiem.rates.loaded", "2031-04", "liu.yang");
    assertThat(trail).doesNotContain("2032-01");
  }

  private static HttpRequest.Builder csv(RestClient client, String path, String body) {
    return client
        .request(path)
        .header("Content-Type", "text/csv; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
