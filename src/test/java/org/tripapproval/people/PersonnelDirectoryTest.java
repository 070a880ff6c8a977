package org.tripapproval.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.csv.CsvUpload;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * The personnel directory (ADR 0020) as the rules and the intake use it, on the demo directory
 * (DemoPeople), which has two officials called 王伟: SW0112 in Commerce and JY0231 in Education.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // loads people and leaves a trip with an overdue report
class PersonnelDirectoryTest {

  private static final String HEADER = "person_id,name,post,rank,principal_leader,user_id\n";

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired Directory directory;
  @Autowired JdbcTemplate jdbc;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void namesakesAreTwoPeopleOnlyTheOneWithAnOverdueReportIsBlocked() {
    Member commerceWangWei = new Member("王伟", "x", Rank.staff, null, null, "SW0112");
    Member educationWangWei = new Member("王伟", "x", Rank.staff, null, null, "JY0231");
    TripRequest first = aTrip().members(List.of(commerceWangWei)).build();
    ProcessInstance earlier = driver.submit(first);
    driver.approveAndTravel(earlier);
    driver.fireTimer(earlier, TripProcess.REPORT_OVERDUE);

    ProcessInstance other =
        driver.submit(
            aTrip()
                .members(List.of(educationWangWei))
                .departingOn(first.departureDate().plusDays(40))
                .build());
    ProcessInstance same =
        driver.submit(
            aTrip()
                .members(List.of(commerceWangWei))
                .departingOn(first.departureDate().plusDays(40))
                .build());

    assertThat(rules(other)).doesNotContain("overdue");
    assertThat(driver.isWaitingAt(other, TripProcess.REVIEW_TRIP_REQUEST)).isTrue();
    assertThat(rules(same)).contains("overdue");
    assertThat(driver.isWaitingAt(same, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
  }

  @Test
  void aMemberFromTheDirectoryIsStoredWithTheDirectorysWordsWhateverWasTyped() {
    ProcessInstance trip =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new Member("张三", "随便", Rank.staff, null, null, "SW0107"),
                        new Member(
                            "Anna Schmidt", "德方专家", Rank.staff, null, null, "PASSPORT:C01X00T47")))
                .build());

    JsonNode members = stored(trip).get("members");
    assertThat(members.get(0).get("name").asText()).isEqualTo("张伟");
    assertThat(members.get(0).get("post").asText()).isEqualTo("省商务厅 外经处 处长");
    assertThat(members.get(0).get("rank").asText()).isEqualTo("division");
    assertThat(members.get(0).get("userId").asText()).isEqualTo("zhang.wei");
    assertThat(members.get(1).get("name").asText()).isEqualTo("Anna Schmidt");
    assertThat(
            jdbc.queryForList(
                "SELECT person_id FROM trip_member WHERE process_instance_id = ? ORDER BY member_index",
                String.class,
                trip.getId()))
        .containsExactly("SW0107", "PASSPORT:C01X00T47");
  }

  @Test
  void aMemberNotInTheDirectoryOrWithWrongPapersOrNamedTwiceIsRefusedAndNothingStarts() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();
    assertThatThrownBy(
            () ->
                driver.submit(
                    aTrip()
                        .members(List.of(new Member("某人", "x", Rank.staff, null, null, "SW9999")))
                        .build()))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("members[0].personId: 人员名录中没有此人 / SW9999");
    assertThatThrownBy(
            () ->
                driver.submit(
                    aTrip()
                        .members(
                            List.of(new Member("某人", "x", Rank.staff, null, null, "IDCARD:12345")))
                        .build()))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("members[0].personId: 证件类型或号码不正确");
    Member wang = new Member("王伟", "x", Rank.staff, null, null, "SW0112");
    assertThatThrownBy(() -> driver.submit(aTrip().members(List.of(wang, wang)).build()))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("members: 同一人出现两次");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aFileWithAWrongLineIsRefusedWholeNamingEachLineAndNothingOfItIsStored() {
    List<Person> before = directory.ofUnit("education");
    assertThatThrownBy(
            () ->
                directory.load(
                    "education",
                    HEADER
                        + "JY0500,新人,省教育厅 科员,staff,否,\n"
                        + "JY0501,,省教育厅 科员,staff,否,\n"
                        + "JY 0502,某人,省教育厅 科员,general,maybe,nobody.here\n"
                        + "JY0500,重复,省教育厅 科员,科员,否,\n"
                        + "JY0503,冒用,省教育厅 科员,科员,否,li.na\n",
                    "admin"))
        .isInstanceOfSatisfying(
            CsvUpload.InvalidCsvException.class,
            refused ->
                assertThat(refused.errors())
                    .anySatisfy(e -> assertThat(e).startsWith("line 3: name:"))
                    .anySatisfy(e -> assertThat(e).startsWith("line 4: person_id:"))
                    .anySatisfy(e -> assertThat(e).startsWith("line 4: rank:"))
                    .anySatisfy(e -> assertThat(e).startsWith("line 4: principal_leader:"))
                    .anySatisfy(e -> assertThat(e).startsWith("line 4: user_id:"))
                    .anySatisfy(e -> assertThat(e).startsWith("line 5: person_id: 重复")));
    assertThatThrownBy(
            () -> directory.load("education", HEADER + "JY0503,冒用,省教育厅 科员,科员,否,li.na\n", "admin"))
        .isInstanceOfSatisfying(
            CsvUpload.InvalidCsvException.class,
            refused ->
                assertThat(refused.errors())
                    .containsExactly(
                        "line 2: user_id: 已属于 SW0002 / li.na is already the user of SW0002"));
    assertThat(directory.ofUnit("education")).isEqualTo(before);
    assertThat(directory.find("JY0500")).isEmpty();
  }

  @Test
  void loadingAUnitUpdatesItsPeopleNamesTheirUsersAndKeepsThoseWhoLeftAsInactive() {
    int loaded =
        directory.load(
            "education",
            HEADER
                + "JY0001,刘敏,省教育厅 厅长,厅局级,是,\n"
                + "JY0003,周强,省教育厅 常务副厅长,bureau,否,zhou.qiang\n"
                + "JY0231,王伟,省教育厅 国际合作处 科员,staff,否,\n"
                + "JY0240,马丽,省教育厅 国际合作处 副处长,处级,否,sun.li\n",
            "admin");

    assertThat(loaded).isEqualTo(4);
    assertThat(directory.find("JY0003")).get().extracting(Person::post).isEqualTo("省教育厅 常务副厅长");
    assertThat(directory.find("JY0208"))
        .as("孙丽 left the file: kept, as trips may name her, but no longer offered")
        .get()
        .extracting(Person::active)
        .isEqualTo(false);
    assertThat(directory.search("孙丽", null)).isEmpty();
    assertThat(directory.search("王伟", null))
        .extracting(Person::id)
        .containsExactly("JY0231", "SW0112");
    assertThat(directory.search("JY02", "education"))
        .extracting(Person::id)
        .containsExactly("JY0231", "JY0240");
    assertThat(
            engine
                .getIdentityService()
                .createUserQuery()
                .userId("sun.li")
                .singleResult()
                .getFirstName())
        .as("the user goes by the directory's name")
        .isEqualTo("马丽");
    assertThat(directory.ofUser("sun.li")).get().extracting(Person::id).isEqualTo("JY0240");
  }

  private List<String> rules(ProcessInstance trip) {
    Object findings = engine.getRuntimeService().getVariable(trip.getId(), "findings");
    if (findings == null) {
      return List.of();
    }
    try {
      return mapper.readTree(findings.toString()).findValuesAsText("rule");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode stored(ProcessInstance trip) {
    try {
      return mapper.readTree(
          engine.getRuntimeService().getVariable(trip.getId(), "trip").toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
