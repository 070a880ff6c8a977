package org.tripapproval.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSRF token of the caller's webapp session, for the auditors' login page
 * (static/audit/login.js), which logs in through the webapps' own login like Cockpit does.
 * Camunda's CsrfPreventionFilter hands a session's token out once: in a header of the session's
 * first read under /camunda, and in a cookie with the path /camunda that a page under /audit cannot
 * read. A visitor whose session already has its token (Tasklist opened before, or a logout, which
 * keeps the session) gets it here. {@code GET /api/webapp-login/csrf-token}, for anyone, from our
 * own pages' script only ({@code X-Requested-With}, which another site cannot send without a CORS
 * preflight, never granted): it answers no more than a script of this origin could read from the
 * cookie. It never starts a session; without one, or without a token yet, the token is null.
 */
@RestController
class WebappCsrfToken {

  static final String PATH = "/api/webapp-login/csrf-token";
  static final String REFUSED =
      "须由本系统页面发出 / must come from the application's own pages: send the header "
          + CrossSiteRequestGuard.HEADER
          + ": "
          + CrossSiteRequestGuard.OUR_SCRIPT;

  private final ApiRefusals refusals;
  private final ObjectMapper mapper;

  WebappCsrfToken(ApiRefusals refusals, ObjectMapper mapper) {
    this.refusals = refusals;
    this.mapper = mapper;
  }

  @GetMapping(PATH)
  void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!CrossSiteRequestGuard.OUR_SCRIPT.equals(request.getHeader(CrossSiteRequestGuard.HEADER))) {
      refusals.refuse(
          request,
          response,
          "the webapp session's CSRF token asked for without " + CrossSiteRequestGuard.HEADER,
          REFUSED);
      return;
    }
    HttpSession session = request.getSession(false);
    Object token =
        session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    mapper.writeValue(
        response.getOutputStream(),
        Collections.singletonMap("token", token instanceof String text ? text : null));
  }
}
