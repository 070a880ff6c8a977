package org.tripapproval.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One revision of a trip request against the one before, field by field, in words: {@code 日程
 * Itinerary 第3项 #3 · 城市 City: 东京 → 大阪}. Lists are compared entry by entry; an entry added or
 * removed at the end shows as a whole.
 */
final class RequestDiff {

  /** One field that differs; {@code before} or {@code after} is null where the field is absent. */
  record Change(String field, String before, String after) {}

  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("unit", "单位 Unit"),
          Map.entry("purpose", "出访目的 Purpose"),
          Map.entry("members", "团组成员 Members"),
          Map.entry("name", "姓名 Name"),
          Map.entry("post", "职务 Post"),
          Map.entry("rank", "级别 Rank"),
          Map.entry("userId", "用户 User"),
          Map.entry("departureDate", "出发日期 Departure"),
          Map.entry("returnDate", "回国日期 Return"),
          Map.entry("itinerary", "日程 Itinerary"),
          Map.entry("date", "日期 Date"),
          Map.entry("country", "国家或地区 Country"),
          Map.entry("city", "城市 City"),
          Map.entry("activity", "公务活动 Activity"),
          Map.entry("counterpart", "会见单位 Counterpart"),
          Map.entry("tasks", "出访任务 Tasks"),
          Map.entry("invitation", "邀请 Invitation"),
          Map.entry("organisation", "邀请单位 Inviting body"),
          Map.entry(
              "noIntermediary", "声明未经中介机构安排或购买 Declared: not arranged through an intermediary"),
          Map.entry(
              "notPaidByCompanyOrOverseasChinese",
              "声明费用不由企业、华人华侨社团支付 Declared: not paid by a commercial or overseas Chinese"
                  + " organisation"),
          Map.entry("budget", "经费预算 Budget"),
          Map.entry("item", "项目 Item"),
          Map.entry("amount", "金额(元) Amount (CNY)"),
          Map.entry("fundingSource", "经费来源 Funding source"),
          Map.entry("category", "类别 Category"),
          Map.entry("planReference", "年度计划 Plan entry"),
          Map.entry("unplannedReason", "计划外理由 Reason for an unplanned trip"),
          Map.entry("transits", "经停 Transit stops"),
          Map.entry("leavesAirport", "出机场 Leaves the airport"));

  /** What users read for a field's stored value: a name for a code. */
  interface Words {
    String of(String field, String value);

    Words AS_STORED = (field, value) -> value;
  }

  private final Words words;

  RequestDiff(Words words) {
    this.words = words;
  }

  /** The changes from {@code before} to {@code after}, values as they are stored. */
  static List<Change> between(JsonNode before, JsonNode after) {
    return new RequestDiff(Words.AS_STORED).changes(before, after);
  }

  /**
   * The changes from {@code before} to {@code after}; every field of {@code after} if before is
   * null.
   */
  List<Change> changes(JsonNode before, JsonNode after) {
    List<Change> changes = new ArrayList<>();
    compare("", null, before, after, changes);
    return changes;
  }

  /** What users read for a field's name. */
  static String label(String field) {
    return FIELDS.getOrDefault(field, field);
  }

  private void compare(
      String path, String field, JsonNode before, JsonNode after, List<Change> changes) {
    if (absent(before) && absent(after)) {
      return;
    }
    if (path.isEmpty() && absent(before) && after.isObject()) {
      before =
          JsonNodeFactory.instance
              .objectNode(); // the first version: each of its fields, not one line
    }
    if (before != null && before.isObject() && after != null && after.isObject()) {
      Set<String> fields = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(fields::add);
      after.fieldNames().forEachRemaining(fields::add);
      for (String name : fields) {
        compare(join(path, label(name)), name, before.get(name), after.get(name), changes);
      }
    } else if (before != null && before.isArray() && after != null && after.isArray()) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        compare(
            path + " 第" + (i + 1) + "项 #" + (i + 1), field, before.get(i), after.get(i), changes);
      }
    } else if (absent(before) || absent(after) || !before.equals(after)) {
      changes.add(new Change(path, text(field, before), text(field, after)));
    }
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + " · " + field;
  }

  /** A value as one line: scalars as they are, an entry as its values separated by commas. */
  static String text(JsonNode node) {
    return new RequestDiff(Words.AS_STORED).text(null, node);
  }

  private String text(String field, JsonNode node) {
    if (absent(node)) {
      return null;
    }
    if (node.isValueNode()) {
      return words.of(field, node.asText());
    }
    List<String> parts = new ArrayList<>();
    if (node.isObject()) {
      // a yes or no says nothing without the field it answers
      node.fields()
          .forEachRemaining(
              entry ->
                  parts.add(
                      entry.getValue().isBoolean()
                          ? label(entry.getKey()) + ": " + text(entry.getKey(), entry.getValue())
                          : text(entry.getKey(), entry.getValue())));
    } else {
      node.elements().forEachRemaining(element -> parts.add(text(field, element)));
    }
    return parts.stream()
        .filter(value -> value != null && !value.isEmpty())
        .collect(Collectors.joining(node.isArray() ? "; " : ", "));
  }
}
