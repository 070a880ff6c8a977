package org.tripapproval.trip;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a client may set when it starts a trip or completes, resolves or changes the variables of a
 * task, through /engine-rest or the webapps' API (Tasklist): the variables the task's form submits,
 * nothing else. A request naming any other variable (say {@code applicant} or {@code decisions}) is
 * refused with 400 naming it, before it reaches the engine.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TaskInputs extends OncePerRequestFilter {

  /** Per task (or the start event), the variables its form submits. */
  public static final Map<String, Set<String>> ALLOWED = Map.of(
      TripProcess.SUBMITTED, Set.of(TRIP, INVITATION_LETTER),
      TripProcess.REVISE_TRIP_REQUEST, Set.of(TRIP, INVITATION_LETTER),
      TripProcess.REVIEW_TRIP_REQUEST, Set.of(DECISION, DECISION_REASON),
      TripProcess.VERIFY_TRIP_REPORT, Set.of(DECISION, DECISION_REASON),
      TripProcess.WITHDRAW_TRIP_REQUEST, Set.of(DECISION, DECISION_REASON),
      TripProcess.FILE_TRIP_REPORT, Set.of(REPORT, REPORT_ATTACHMENT));

  private static final String ENGINE = "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)";
  private static final Pattern TASK = Pattern.compile(
      ENGINE + "/task/([^/]+)/(submit-form|complete|resolve|variables|localVariables)(?:/([^/]+))?(?:/data)?/?");
  private static final Pattern START = Pattern.compile(
      ENGINE + "/process-definition/(?:key/" + TripProcess.KEY + "(?:/tenant-id/[^/]+)?|" + TripProcess.KEY + ":[^/]+)"
          + "/(start|submit-form)/?");

  private final TaskService tasks;
  private final ObjectMapper mapper;

  TaskInputs(TaskService tasks, ObjectMapper mapper) {
    this.tasks = tasks;
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher task = TASK.matcher(path);
    Matcher start = START.matcher(path);
    String activity;
    if (task.matches()) {
      activity = taskKey(task.group(1));
    } else if (start.matches()) {
      activity = TripProcess.SUBMITTED;
    } else {
      chain.doFilter(request, response);
      return;
    }
    if (activity == null || !mayBeAuthenticated(request)) {
      chain.doFilter(request, response); // not one of ours, no such task, or no login: the engine answers
      return;
    }
    Set<String> named = new TreeSet<>();
    if (task.matches() && task.group(3) != null) {
      named.add(task.group(3));
    }
    BufferedRequest buffered = new BufferedRequest(request);
    if (isJson(request) && buffered.body.length > 0) {
      try {
        named.addAll(variableNames(mapper.readTree(buffered.body)));
      } catch (IOException malformed) {
        refuse(response, "body: 不是有效的JSON / is not valid JSON");
        return;
      }
    }
    Set<String> allowed = ALLOWED.get(activity);
    List<String> refused = named.stream().filter(name -> !allowed.contains(name)).toList();
    if (!refused.isEmpty()) {
      refuse(response, "variables: 此步骤不能设置 " + refused + ",只能设置 " + new TreeSet<>(allowed)
          + " / this step may not set " + refused + "; it sets only " + new TreeSet<>(allowed));
      return;
    }
    chain.doFilter(buffered, response);
  }

  /** Without credentials the engine refuses with 401; this check must not answer first and tell what exists. */
  private static boolean mayBeAuthenticated(HttpServletRequest request) {
    return request.getHeader("Authorization") != null || request.getRequestedSessionId() != null;
  }

  private String taskKey(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    return task == null || !ALLOWED.containsKey(task.getTaskDefinitionKey()) ? null : task.getTaskDefinitionKey();
  }

  /** {"variables": {...}}, {"modifications": {...}, "deletions": [...]}, or {"value": ...} on a single variable. */
  private static List<String> variableNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    for (String container : List.of("variables", "modifications")) {
      JsonNode variables = body.get(container);
      if (variables != null && variables.isObject()) {
        variables.fieldNames().forEachRemaining(names::add);
      }
    }
    JsonNode deletions = body.get("deletions");
    if (deletions != null && deletions.isArray()) {
      for (Iterator<JsonNode> it = deletions.elements(); it.hasNext(); ) {
        names.add(it.next().asText());
      }
    }
    return names;
  }

  private static boolean isJson(HttpServletRequest request) {
    return request.getContentType() != null && request.getContentType().toLowerCase().contains("json");
  }

  private void refuse(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(mapper.writeValueAsString(Map.of("type", "InvalidRequestException", "message", message)));
  }

  /** The request with its body read once, so both this check and the engine can read it. */
  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest request) throws IOException {
      super(request);
      this.body = isJson(request) ? request.getInputStream().readAllBytes() : null;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (body == null) {
        return super.getInputStream();
      }
      ByteArrayInputStream bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return bytes.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      if (body == null) {
        return super.getReader();
      }
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
