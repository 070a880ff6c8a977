package org.tripapproval.web;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tripapproval.trip.TripProcess;

/**
 * What a client may set when it starts a trip or completes, resolves or changes the variables of a
 * task, through /engine-rest or the webapps' API (Tasklist): the variables the task's form submits,
 * nothing else. A request naming any other variable (say {@code applicant} or {@code decisions}) is
 * refused with 400 naming it, before it reaches the engine. So is a variable of type Object (a
 * serialized Java or JSON object the engine would deserialize), on any task or start.
 *
 * <p>It runs behind the edge (web/EdgeFilters): only for calls the edge let through for a logged-in
 * caller, who is in {@link #CALLER}, with the normalized path in {@link #RESOURCE} and the body
 * already capped. It looks up the task as that caller, so a task the caller may not see is left to
 * the engine to answer, and nothing here tells whether it exists.
 */
@Component
public class TaskInputs extends OncePerRequestFilter {

  /**
   * Request attribute: the caller (an engine {@link Authentication}) of a call the edge let
   * through.
   */
  public static final String CALLER = TaskInputs.class.getName() + ".caller";

  /**
   * Request attribute: the call's path within the engine's REST API, e.g. {@code
   * /task/1/submit-form}.
   */
  public static final String RESOURCE = TaskInputs.class.getName() + ".resource";

  /** Request attribute: why this check refused the call, for the edge to write to the trail. */
  public static final String REFUSED = TaskInputs.class.getName() + ".refused";

  /** Per task (or the start event), the variables its form submits. */
  public static final Map<String, Set<String>> ALLOWED =
      Map.of(
          TripProcess.SUBMITTED, Set.of(TRIP, INVITATION_LETTER),
          TripProcess.REVISE_TRIP_REQUEST, Set.of(TRIP, INVITATION_LETTER),
          TripProcess.REVIEW_TRIP_REQUEST, Set.of(DECISION, DECISION_REASON),
          TripProcess.VERIFY_TRIP_REPORT, Set.of(DECISION, DECISION_REASON),
          TripProcess.FILE_TRIP_REPORT, Set.of(REPORT, REPORT_ATTACHMENT),
          TripProcess.DECIDE_OBJECTION, Set.of(DECISION, DECISION_REASON),
          TripProcess.DECIDE_POST_TRIP_OBJECTION, Set.of(DECISION, DECISION_REASON),
          TripProcess.REQUEST_TRIP_CHANGE, Set.of(PROPOSED_TRIP, CHANGE_REASON, CHANGE_ACTION),
          TripProcess.REVIEW_TRIP_CHANGE, Set.of(DECISION, DECISION_REASON));

  private static final Pattern TASK =
      Pattern.compile(
          "/task/([^/]+)/(submit-form|complete|resolve|variables|localVariables)(?:/([^/]+))?(?:/data)?");
  private static final Pattern START =
      Pattern.compile(
          "/process-definition/(?:key/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(?:start|submit-form)");
  private static final String OBJECT_TYPE = "Object";

  private static final Logger log = LoggerFactory.getLogger(TaskInputs.class);

  private final TaskService tasks;
  private final IdentityService identity;
  private final ObjectMapper mapper;

  TaskInputs(TaskService tasks, IdentityService identity, ObjectMapper mapper) {
    this.tasks = tasks;
    this.identity = identity;
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "GET".equals(request.getMethod())
        || "HEAD".equals(request.getMethod())
        || "OPTIONS".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = (String) request.getAttribute(RESOURCE);
    Authentication caller = (Authentication) request.getAttribute(CALLER);
    Matcher task = path == null ? null : TASK.matcher(path);
    Matcher start = path == null ? null : START.matcher(path);
    if (caller == null || !task.matches() && !start.matches()) {
      chain.doFilter(request, response); // not one of ours, or no login: the engine answers
      return;
    }
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(
        caller); // look the task up as the caller: what they may not see stays unseen
    try {
      check(request, response, chain, path, task, start);
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }

  private void check(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String path,
      Matcher task,
      Matcher start)
      throws ServletException, IOException {
    Map<String, JsonNode> named = new TreeMap<>();
    // read once, so both this check and the engine can read it
    byte[] bytes = isJson(request) ? request.getInputStream().readAllBytes() : null;
    HttpServletRequest buffered = bytes == null ? request : new ReadBody(request, bytes);
    JsonNode body = null;
    if (bytes != null && bytes.length > 0) {
      try {
        body = mapper.readTree(bytes);
      } catch (IOException malformed) {
        refuse(request, response, "body: 不是有效的JSON / is not valid JSON");
        return;
      }
    }
    List<String> objects = new ArrayList<>();
    if (task.matches() && task.group(3) != null) {
      named.put(
          task.group(3),
          "DELETE".equals(request.getMethod())
              ? DELETED
              : body == null ? UPLOADED : body.path("value"));
      if (body != null && OBJECT_TYPE.equalsIgnoreCase(body.path("type").asText())) {
        objects.add(task.group(3));
      }
    } else if (body != null) {
      named.putAll(submittedVariables(body));
      objects.addAll(objectVariables(body));
    }
    // complete writes its variables on the execution, where a decision never counts: say so before
    // the engine refuses
    if (task.matches()
        && "complete".equals(task.group(2))
        && (named.containsKey(DECISION) || named.containsKey(DECISION_REASON))) {
      refuse(
          request,
          response,
          DECISION
              + ": 请用 submit-form 提交决定(Tasklist 即如此)/ give a decision with submit-form, as Tasklist does");
      return;
    }
    boolean trip =
        start.matches()
            && (TripProcess.KEY.equals(start.group(1))
                || start.group(2) != null && start.group(2).startsWith(TripProcess.KEY + ":"));
    // a claim or an empty completion sets nothing; else the task's key says what it may set
    String activity =
        named.isEmpty()
            ? null
            : task.matches() ? taskKey(task.group(1)) : trip ? TripProcess.SUBMITTED : null;
    if (activity == null) {
      chain.doFilter(
          buffered, response); // nothing set, or no such task of ours: the engine answers
      return;
    }
    // a trip's variables are JSON and plain values; an Object names a class to instantiate (other
    // processes are their deployer's, and the engine's type validation still holds for them)
    if (!objects.isEmpty()) {
      refuse(
          request,
          response,
          "variables: " + objects + " 不能是 Object 类型 / may not be of type Object");
      return;
    }
    Set<String> allowed = ALLOWED.get(activity);
    // Tasklist's forms send back the variables they only displayed, unchanged: those pass
    List<String> refused =
        named.entrySet().stream()
            .filter(variable -> !allowed.contains(variable.getKey()))
            .filter(
                variable ->
                    !task.matches()
                        || !unchanged(task.group(1), variable.getKey(), variable.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    if (!refused.isEmpty()) {
      log.warn(
          "{} {} refused: it names {}, {} sets only {}",
          request.getMethod(),
          path,
          refused,
          activity,
          allowed);
      refuse(
          request,
          response,
          "variables: 此步骤不能设置 "
              + refused
              + ",只能设置 "
              + new TreeSet<>(allowed)
              + " / this step may not set "
              + refused
              + "; it sets only "
              + new TreeSet<>(allowed));
      return;
    }
    chain.doFilter(buffered, response);
  }

  /**
   * The names of submitted variables typed Object: the engine would deserialize whatever class they
   * name.
   */
  private static List<String> objectVariables(JsonNode body) {
    List<String> objects = new ArrayList<>();
    for (String container : List.of("variables", "modifications")) {
      JsonNode submitted = body.get(container);
      if (submitted != null && submitted.isObject()) {
        submitted
            .fields()
            .forEachRemaining(
                field -> {
                  if (OBJECT_TYPE.equalsIgnoreCase(field.getValue().path("type").asText())) {
                    objects.add(field.getKey());
                  }
                });
      }
    }
    return objects;
  }

  private String taskKey(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    return task == null || !ALLOWED.containsKey(task.getTaskDefinitionKey())
        ? null
        : task.getTaskDefinitionKey();
  }

  private static final JsonNode DELETED = MissingNode.getInstance();

  /** A file sent as multipart data: never the same as what is there. */
  private static final JsonNode UPLOADED = new POJONode(new Object());

  /**
   * {"variables": {...}} or {"modifications": {...}, "deletions": [...]}: each name with its new
   * value.
   */
  private static Map<String, JsonNode> submittedVariables(JsonNode body) {
    Map<String, JsonNode> variables = new TreeMap<>();
    for (String container : List.of("variables", "modifications")) {
      JsonNode submitted = body.get(container);
      if (submitted != null && submitted.isObject()) {
        submitted
            .fields()
            .forEachRemaining(
                field -> variables.put(field.getKey(), field.getValue().path("value")));
      }
    }
    JsonNode deletions = body.get("deletions");
    if (deletions != null && deletions.isArray()) {
      for (Iterator<JsonNode> it = deletions.elements(); it.hasNext(); ) {
        variables.put(it.next().asText(), DELETED);
      }
    }
    return variables;
  }

  /**
   * Whether the value is the one the variable already has (as text, or as JSON for JSON variables).
   */
  private boolean unchanged(String taskId, String name, JsonNode submitted) {
    TypedValue current = tasks.getVariableTyped(taskId, name, false);
    if (submitted.isMissingNode()) {
      return current == null; // deleting what is not there
    }
    if (current == null) {
      return submitted.isNull();
    }
    String serialized =
        current instanceof JsonValue json
            ? json.getValueSerialized()
            : current instanceof SerializableValue serializable
                ? serializable.getValueSerialized()
                : null;
    boolean structured = current instanceof JsonValue || current instanceof SerializableValue;
    if (!structured && current.getValue() == null) {
      return submitted.isNull();
    }
    try {
      if (structured) {
        if (serialized == null) {
          return submitted.isNull();
        }
        JsonNode sent = submitted.isTextual() ? mapper.readTree(submitted.textValue()) : submitted;
        return withoutAngularKeys(mapper.readTree(serialized)).equals(withoutAngularKeys(sent));
      }
    } catch (IOException notJson) {
      return false;
    }
    return !submitted.isContainerNode()
        && submitted.asText().equals(String.valueOf(current.getValue()));
  }

  /** AngularJS marks the objects it lists with $$hashKey; they are not part of the value. */
  private static JsonNode withoutAngularKeys(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(field -> field.getKey().startsWith("$$"));
      object.forEach(TaskInputs::strip);
    } else if (node.isArray()) {
      node.forEach(TaskInputs::strip);
    }
  }

  private static boolean isJson(HttpServletRequest request) {
    return request.getContentType() != null
        && request.getContentType().toLowerCase().contains("json");
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String message)
      throws IOException {
    request.setAttribute(REFUSED, message);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            mapper.writeValueAsString(
                Map.of("type", "InvalidRequestException", "message", message)));
  }
}
