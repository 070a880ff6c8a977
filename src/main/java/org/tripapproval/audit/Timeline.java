package org.tripapproval.audit;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.Labelled;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.Severity;
import org.tripapproval.trip.TripProcess;

/**
 * A trip's trail as a person reads it: each entry in words, with the person's name and role and the
 * reason given; the steps that matter marked as such (the rest is bookkeeping shown on demand);
 * refused attempts marked; and each revision of the request as its changes against the one before.
 * Read from the trail alone, so the page shows what the tamper-evident record holds.
 */
final class Timeline {

  /**
   * One entry in words, with the hash that seals it. {@code main} is false for bookkeeping a reader
   * rarely needs.
   */
  record Moment(
      long entry,
      Instant at,
      String event,
      String actor,
      String actorName,
      String role,
      String what,
      String reason,
      boolean refused,
      boolean main,
      String hash) {}

  /** A version of the request: who made it, when, and what changed against the one before. */
  record Revision(
      long entry, Instant at, int number, String byName, List<RequestDiff.Change> changes) {}

  /** The latest value of each variable of the trip, as JSON where it is JSON. */
  record Read(List<Moment> moments, List<Revision> revisions, Map<String, JsonNode> latest) {}

  private static final String APPLICANT_ROLE = "申请人 Applicant";
  private static final String SYSTEM = "系统 System";

  /** Bookkeeping steps that say nothing a reader needs beside the steps around them. */
  private static final Set<String> QUIET_ACTIVITY_TYPES =
      Set.of(
          "exclusiveGateway",
          "parallelGateway",
          "eventBasedGateway",
          "startEvent",
          "noneEndEvent",
          "subProcess",
          "userTask",
          "multiInstanceBody");

  private final ObjectMapper mapper;
  private final Function<String, String> names;
  private final RequestDiff diff;
  private final Map<String, JsonNode> latest = new LinkedHashMap<>();
  private final Map<String, String> roles = new HashMap<>();

  /** The decision and reason set since the last task ended: what the next completion decided. */
  private final Map<String, JsonNode> decided = new HashMap<>();

  private final List<Moment> moments = new ArrayList<>();
  private final List<Revision> revisions = new ArrayList<>();
  private JsonNode request;

  private Timeline(ObjectMapper mapper, Function<String, String> names, RequestDiff.Words words) {
    this.mapper = mapper;
    this.names = names;
    this.diff = new RequestDiff(words);
  }

  /**
   * Reads a trip's entries, oldest first; {@code names} gives a user's name for their id, {@code
   * words} what users read for a value of the request.
   */
  static Read read(
      List<AuditTrail.TrailEntry> entries,
      ObjectMapper mapper,
      Function<String, String> names,
      RequestDiff.Words words) {
    Timeline timeline = new Timeline(mapper, names, words);
    entries.forEach(timeline::add);
    return new Read(timeline.withRoles(), List.copyOf(timeline.revisions), timeline.latest);
  }

  private void add(AuditTrail.TrailEntry entry) {
    JsonNode details = parse(entry.details());
    String event = entry.event();
    String what;
    String reason = null;
    boolean main = true;
    String role = null;
    if (event.endsWith(".refused")) {
      what = "被拒绝的操作 Refused attempt: " + event;
      reason = refusal(details);
    } else if (event.startsWith("variable.")) {
      String name = details.path("name").asText();
      JsonNode value = value(details.path("value"));
      if (event.equals("variable.delete")) {
        what = "删除数据 Data removed: " + name;
      } else {
        what = "写入数据 Data set: " + name + " = " + RequestDiff.text(value);
        latest.put(name, value);
        if (DECISION.equals(name) || DECISION_REASON.equals(name)) {
          decided.put(name, value);
        }
      }
      main = false;
      if (TRIP.equals(name) && !event.equals("variable.delete")) {
        int number = revisions.size() + 1;
        revisions.add(
            new Revision(
                entry.id(),
                entry.occurredAt(),
                number,
                nameOf(entry.actor()),
                diff.changes(request, value)));
        request = value;
        main = number > 1;
        what = "申请第" + number + "版 Request version " + number;
      } else if (APPROVAL_NUMBER.equals(name)) {
        what = "出具批件号 Approval number issued: " + value.asText();
        main = true;
      }
    } else if (event.equals("trip.submitted")) {
      what = "提交出访申请 Submitted the trip request";
      roles.put(entry.actor(), APPLICANT_ROLE);
    } else if (event.equals("trip.migrated")) {
      what =
          "迁移到第"
              + details.path("version").asText()
              + "版流程 Moved to process version "
              + details.path("version").asText();
    } else if (event.equals("trip.ended")) {
      what = ended(details.path("endActivity").asText(), details.path("deleteReason").asText(""));
    } else if (event.startsWith("task.")) {
      String task = details.path("task").asText();
      String taskName = details.path("name").asText(task);
      role = levelOf(task);
      switch (event) {
        case "task.create" -> {
          what = "待办 Task: " + taskName + (role == null ? "" : " · " + role);
        }
        case "task.complete" -> {
          String decision = decided.containsKey(DECISION) ? decided.get(DECISION).asText() : null;
          what =
              "办结 Done: "
                  + taskName
                  + Labels.find(Decision.class, decision)
                      .map(word -> " — " + word.label())
                      .orElse("");
          reason = text(decided.get(DECISION_REASON));
          decided.clear();
          if (role != null && entry.actor() != null) {
            roles.putIfAbsent(entry.actor(), role);
          }
        }
        case "task.delete" -> {
          what = "任务取消 Task cancelled: " + taskName;
        }
        default -> {
          what = "任务变更 Task changed: " + taskName;
          main = false;
        }
      }
    } else if (event.startsWith("activity.")) {
      String type = details.path("type").asText();
      String activity = details.path("activity").asText();
      main = !QUIET_ACTIVITY_TYPES.contains(type);
      // an event-based gateway's wait ends "cancelled" in the engine's history when an event comes
      String step =
          !event.equals("activity.cancelled")
              ? "环节 Step: "
              : "eventBasedGateway".equals(type) ? "等待结束 Waiting over: " : "环节取消 Step cancelled: ";
      what = step + details.path("name").asText(activity);
      if (TripProcess.CHECK_TRIP_RULES.equals(activity)) {
        what += " — " + findings(latest.get(FINDINGS));
      } else if (TripProcess.CHECK_TRIP_REPORT.equals(activity)) {
        what += " — " + findings(latest.get(REPORT_FINDINGS));
      } else if (TripProcess.ROUTE_TRIP_REVIEWS.equals(activity)) {
        what += " — " + levels(latest.get(REVIEW_LEVELS));
      } else if (TripProcess.RECORD_WITHDRAWAL.equals(activity)) {
        reason = text(latest.get(WITHDRAWAL_REASON));
        main = true;
      }
    } else if (event.startsWith("operation.")) {
      what = "操作 Operation: " + operation(event.substring("operation.".length()));
      main = event.equals("operation.Claim") || event.equals("operation.Assign");
    } else if (event.equals(ProvisionalDeadlines.PROVISIONAL)) {
      what =
          "期限暂定 Provisional deadline: "
              + details.path("name").asText(details.path("activity").asText())
              + " — "
              + details.path("dueDay").asText()
              + "("
              + details.path("yearsWithoutCalendar").toString().replaceAll("[\\[\\]]", "")
              + "年工作日历未载入,暂按周一至周五计算 the calendar of that year is not loaded: counted"
              + " Monday to Friday)";
    } else if (event.equals(ProvisionalDeadlines.MOVED)) {
      what =
          "期限按工作日历更正 Deadline corrected by the loaded calendar: "
              + details.path("name").asText(details.path("activity").asText())
              + " "
              + details.path("from").asText()
              + " → "
              + details.path("to").asText();
    } else if (event.equals("objection.raised")) {
      // the objector is the row's actor: named here, for the auditors only (approval/Objections)
      what = "提出异议 Objection raised";
      reason = details.path("grounds").asText(null);
      main = true;
    } else if (event.equals("document.issued")) {
      what =
          "出具出国任务批件 Approval document issued: "
              + details.path("approvalNumber").asText()
              + (details.path("revision").asInt(1) > 1
                  ? " · 第"
                      + details.path("revision").asInt()
                      + "版 revision "
                      + details.path("revision").asInt()
                  : "")
              + " · SHA-256 "
              + details.path("sha256").asText();
    } else if (event.equals("trip.changeApproved")) {
      what =
          "变更生效 Change approved (第"
              + details.path("change").asInt()
              + "次 no. "
              + details.path("change").asInt()
              + "), 审批层级 levels "
              + details.path("reviewLevels").toString();
      reason = details.path("reason").asText(null);
      main = true;
    } else if (event.equals("passport.dueMoved")) {
      what =
          "护照应交回日期随变更调整 Passport due day moved with the change: "
              + details.path("name").asText()
              + " · "
              + details.path("passportNumber").asText()
              + " · 应于 due back "
              + details.path("dueBack").asText();
    } else if (event.equals("passport.released")) {
      what =
          "领出护照 Passport released: "
              + details.path("name").asText()
              + " · "
              + details.path("passportNumber").asText()
              + " · 领取人 received by "
              + details.path("receivedBy").asText()
              + " · 应于 due back "
              + details.path("dueBack").asText();
      main = true;
    } else if (event.equals("passport.returned")) {
      what =
          "交回护照 Passport handed back: "
              + details.path("name").asText()
              + " · "
              + details.path("passportNumber").asText()
              + (details.path("late").asBoolean() ? "(逾期 late)" : "");
      main = true;
    } else if (event.equals("notification.sent")) {
      what = "发送邮件 Mail sent: " + details.path("kind").asText();
      main = false;
    } else {
      what = event;
    }
    boolean refused = event.endsWith(".refused");
    moments.add(
        new Moment(
            entry.id(),
            entry.occurredAt(),
            event,
            entry.actor(),
            nameOf(entry.actor()),
            role != null && !event.equals("task.create") ? role : roleOf(entry.actor()),
            what,
            reason,
            refused,
            main || refused,
            entry.hash()));
  }

  /**
   * A person's role is known once they have acted in it (a review decided at a level): their
   * earlier rows, such as claiming the task, name it too.
   */
  private List<Moment> withRoles() {
    return moments.stream()
        .map(
            moment ->
                moment.role() != null || !roles.containsKey(moment.actor())
                    ? moment
                    : new Moment(
                        moment.entry(),
                        moment.at(),
                        moment.event(),
                        moment.actor(),
                        moment.actorName(),
                        roles.get(moment.actor()),
                        moment.what(),
                        moment.reason(),
                        moment.refused(),
                        moment.main(),
                        moment.hash()))
        .toList();
  }

  private String levelOf(String task) {
    if (!TripProcess.REVIEW_TRIP_REQUEST.equals(task) || !latest.containsKey(REVIEW_LEVEL)) {
      return null;
    }
    return Labels.find(ReviewLevel.class, latest.get(REVIEW_LEVEL).asText())
        .map(Labelled::label)
        .orElse(null);
  }

  private String roleOf(String actor) {
    return actor == null ? SYSTEM : roles.get(actor);
  }

  private String nameOf(String actor) {
    return actor == null ? SYSTEM : names.apply(actor);
  }

  private static String ended(String endActivity, String deleteReason) {
    if (TripProcess.TRIP_CLOSED.equals(endActivity)) {
      return "流程结束:已归档 Ended: closed";
    } else if (TripProcess.TRIP_REJECTED.equals(endActivity)) {
      return "流程结束:不予批准 Ended: rejected";
    } else if (TripProcess.TRIP_WITHDRAWN.equals(endActivity)) {
      return "流程结束:申请人撤回 Ended: withdrawn";
    }
    return "流程结束 Ended" + (deleteReason.isEmpty() ? "" : ": " + deleteReason);
  }

  private static String findings(JsonNode findings) {
    if (findings == null || !findings.isArray() || findings.isEmpty()) {
      return "未发现问题 no findings";
    }
    long blocking =
        StreamSupport.stream(findings.spliterator(), false)
            .filter(finding -> Severity.BLOCKING.code().equals(finding.path("severity").asText()))
            .count();
    return blocking
        + " 项须纠正, "
        + (findings.size() - blocking)
        + " 项提示 / "
        + blocking
        + " blocking, "
        + (findings.size() - blocking)
        + " warnings";
  }

  private static String levels(JsonNode levels) {
    if (levels == null || !levels.isArray()) {
      return "";
    }
    return StreamSupport.stream(levels.spliterator(), false)
        .map(
            level ->
                Labels.find(ReviewLevel.class, level.asText())
                    .map(Labelled::label)
                    .orElse(level.asText()))
        .collect(Collectors.joining(" → "));
  }

  private static String operation(String type) {
    return switch (type) {
      case "Claim" -> "认领任务 Claimed the task";
      case "Assign" -> "指派任务 Assigned the task";
      case "Complete" -> "提交任务 Completed the task";
      case "Create" -> "创建 Created";
      case "SetVariable", "SetVariables", "ModifyVariable" -> "修改变量 Changed variables";
      default -> type;
    };
  }

  /** What a refusal names as its grounds, as one line. */
  private static String refusal(JsonNode details) {
    List<String> parts = new ArrayList<>();
    details
        .fields()
        .forEachRemaining(field -> parts.add(field.getKey() + ": " + text(field.getValue())));
    return String.join("; ", parts);
  }

  private static String text(JsonNode node) {
    return RequestDiff.text(node);
  }

  /** A variable's stored value: JSON where it parses as an object or a list, else the text. */
  private JsonNode value(JsonNode stored) {
    if (stored.isTextual()) {
      String text = stored.asText().strip();
      if (text.startsWith("{") || text.startsWith("[")) {
        JsonNode parsed = parse(text);
        if (!parsed.isMissingNode()) {
          return parsed;
        }
      }
    }
    return stored;
  }

  private JsonNode parse(String json) {
    try {
      return json == null ? MissingNode.getInstance() : mapper.readTree(json);
    } catch (JsonProcessingException notJson) {
      return MissingNode.getInstance();
    }
  }
}
