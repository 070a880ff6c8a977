package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestDiffTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void namesEachChangedFieldInWordsWithItsOldAndNewValue() throws Exception {
    JsonNode before =
        mapper.readTree(
            "{\"purpose\":\"会谈\",\"itinerary\":[{\"date\":\"2027-03-01\",\"city\":\"东京\"}],"
                + "\"members\":[{\"name\":\"张伟\",\"rank\":\"division\"}]}");
    JsonNode after =
        mapper.readTree(
            "{\"purpose\":\"会谈\",\"itinerary\":[{\"date\":\"2027-03-01\",\"city\":\"大阪\"}],"
                + "\"members\":[{\"name\":\"张伟\",\"rank\":\"division\"},"
                + "{\"name\":\"李娜\",\"rank\":\"section\"}],\"planReference\":\"P-7\"}");

    assertThat(RequestDiff.between(before, after))
        .containsExactly(
            new RequestDiff.Change("日程 Itinerary 第1项 #1 · 城市 City", "东京", "大阪"),
            new RequestDiff.Change("团组成员 Members 第2项 #2", null, "李娜, section"),
            new RequestDiff.Change("年度计划 Plan entry", null, "P-7"));
  }

  @Test
  void findsNoChangeBetweenEqualRequestsAndAnEntryRemovedAtTheEnd() throws Exception {
    JsonNode one = mapper.readTree("{\"tasks\":[\"会谈\",\"签约\"]}");
    assertThat(RequestDiff.between(one, one.deepCopy())).isEmpty();
    assertThat(RequestDiff.between(one, mapper.readTree("{\"tasks\":[\"会谈\"]}")))
        .containsExactly(new RequestDiff.Change("出访任务 Tasks 第2项 #2", "签约", null));
  }

  @Test
  void listsEveryFieldOfTheFirstVersion() throws Exception {
    assertThat(RequestDiff.between(null, mapper.readTree("{\"purpose\":\"会谈\",\"unit\":null}")))
        .containsExactly(new RequestDiff.Change("出访目的 Purpose", null, "会谈"));
  }
}
