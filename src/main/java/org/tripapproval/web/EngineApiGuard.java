package org.tripapproval.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tripapproval.web.EngineApiAllowlist.Role;

/**
 * Deny by default in front of the engine's APIs: after the caller is known (HTTP Basic on
 * /engine-rest, the webapps' session on /camunda/api), the normalized call must be in {@link
 * EngineApiAllowlist} for one of the caller's roles, and its body within the cap, before anything
 * reads it. A call without a login passes on, so the engine answers 401 and nothing else. Every
 * refusal of a logged-in user, here or by the engine (403), goes into the audit trail.
 */
class EngineApiGuard extends OncePerRequestFilter {

  /**
   * Marks the edge's own refusals, so that a client (and the tests) tell them from the engine's
   * 403.
   */
  static final String REFUSED_HEADER = EdgeFilters.REFUSED_HEADER;

  static final String FORBIDDEN = "此操作不允许 / this operation is not allowed";

  /** Form submissions carry an attached file (base64 in JSON), and deployments carry models. */
  private static final List<Pattern> UPLOADS =
      List.of(
          Pattern.compile("/task/[^/]+/(?:submit-form|complete)"),
          Pattern.compile("/process-definition/(?:key/)?[^/]+/submit-form"),
          Pattern.compile("/task/[^/]+/(?:localVariables|variables)/[^/]+/data"),
          Pattern.compile("/deployment/create"));

  private final IdentityService identity;
  private final RefusalTrail refusals;
  private final ObjectMapper mapper;
  private final Timer checks;
  private final String webappPath;
  private final long maxBody;
  private final long maxUpload;

  EngineApiGuard(
      IdentityService identity,
      RefusalTrail refusals,
      ObjectMapper mapper,
      MeterRegistry meters,
      String webappPath,
      DataSize maxBody,
      DataSize maxUpload) {
    this.identity = identity;
    this.refusals = refusals;
    this.mapper = mapper;
    this.checks =
        Timer.builder("trips.edge.check")
            .description("the allowlist check of a call to the engine's APIs")
            .register(meters);
    this.webappPath = webappPath;
    this.maxBody = maxBody.toBytes();
    this.maxUpload = maxUpload.toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod();
    Timer.Sample check = Timer.start();
    EngineRequest call;
    try {
      call = EngineRequest.of(path, webappPath);
    } catch (EngineRequest.Unreadable unreadable) {
      check.stop(checks);
      Authentication caller = callerOf(request, null);
      refuse(
          request,
          response,
          caller,
          HttpServletResponse.SC_FORBIDDEN,
          FORBIDDEN,
          unreadable.getMessage());
      return;
    }
    Authentication caller = call == null ? null : callerOf(request, call);
    if (caller == null) {
      check.stop(checks);
      chain.doFilter(
          request, response); // not the engine's API, or no login: the engine answers (401)
      return;
    }
    String refusal = refusal(call, method, caller);
    check.stop(checks);
    if (refusal != null) {
      refuse(request, response, caller, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN, refusal);
      return;
    }
    long cap =
        UPLOADS.stream().anyMatch(upload -> upload.matcher(call.resource()).matches())
            ? maxUpload
            : maxBody;
    if (request.getContentLengthLong() > cap) {
      refuse(
          request,
          response,
          caller,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          tooLarge(cap),
          "body too large");
      return;
    }
    HttpServletRequest passed = request;
    if (request.getContentLengthLong() < 0 && !"GET".equals(method) && !"HEAD".equals(method)) {
      // a body sent without its length: read it up to the cap here, so nothing behind reads more
      byte[] body =
          request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
      if (body.length > cap) {
        refuse(
            request,
            response,
            caller,
            HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
            tooLarge(cap),
            "body too large");
        return;
      }
      passed = new ReadBody(request, body);
    }
    passed.setAttribute(TaskInputs.CALLER, caller);
    passed.setAttribute(TaskInputs.RESOURCE, call.resource());
    chain.doFilter(passed, response);
    // a refusal the engine wrote to the trail itself (four eyes, an invariant) is not written twice
    if (response.getStatus() == HttpServletResponse.SC_FORBIDDEN
        && !EdgeFilters.RECORDED_BY_THE_ENGINE.equals(response.getHeader(REFUSED_HEADER))) {
      refusals.record(caller.getUserId(), method, path, "refused by the engine");
    } else if (passed.getAttribute(TaskInputs.REFUSED) instanceof String refused) {
      refusals.record(caller.getUserId(), method, path, refused);
    }
  }

  /** Why the call is refused, or null when the caller's roles allow it. */
  private String refusal(EngineRequest call, String method, Authentication caller) {
    if (call.api() == EngineRequest.Api.ENGINE
            && call.engine() == null
            && !EngineRequest.ENGINE_LIST.equals(call.resource())
        || call.engine() != null && !EngineRequest.DEFAULT_ENGINE.equals(call.engine())) {
      return "no such engine";
    }
    Set<Role> roles = Role.of(caller.getGroupIds() == null ? List.of() : caller.getGroupIds());
    return EngineApiAllowlist.permits(roles, call.api(), method, call.resource())
        ? null
        : "not allowed for " + roles;
  }

  /**
   * The caller as the engine will see them: HTTP Basic (already checked) on /engine-rest, the
   * session on the webapps.
   */
  private Authentication callerOf(HttpServletRequest request, EngineRequest call) {
    // the container maps /engine-rest on the decoded path: its login is there however the path was
    // spelt
    Authentication engineLogin = identity.getCurrentAuthentication();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (engineLogin != null || path.startsWith(EngineRequest.ENGINE_REST)) {
      return engineLogin;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    String engine =
        call == null || call.engine() == null ? EngineRequest.DEFAULT_ENGINE : call.engine();
    var camunda =
        AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine);
    if (camunda instanceof UserAuthentication user) {
      return new Authentication(
          user.getIdentityId(),
          user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds()),
          user.getTenantIds() == null ? List.of() : List.copyOf(user.getTenantIds()));
    }
    return null;
  }

  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      Authentication caller,
      int status,
      String message,
      String reason)
      throws IOException {
    if (caller != null) {
      refusals.record(
          caller.getUserId(),
          request.getMethod(),
          request.getRequestURI().substring(request.getContextPath().length()),
          reason);
    }
    response.setStatus(status);
    response.setHeader(REFUSED_HEADER, "edge");
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String type = status == HttpServletResponse.SC_FORBIDDEN ? "Forbidden" : "PayloadTooLarge";
    response.getWriter().write(mapper.writeValueAsString(Map.of("type", type, "message", message)));
  }

  private static String tooLarge(long cap) {
    long megabytes = Math.max(1, cap / (1024 * 1024));
    return "请求体过大,上限 " + megabytes + " MB / the request body is larger than " + megabytes + " MB";
  }
}
