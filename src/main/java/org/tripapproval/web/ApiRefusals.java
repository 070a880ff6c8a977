package org.tripapproval.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Refusals on the project's own endpoints (/api, /mail): 403 with a JSON error in both languages,
 * and for a logged-in caller an {@code access.refused} entry in the trail, as on the engine's APIs.
 */
@Component
public class ApiRefusals implements AccessDeniedHandler {

  static final String NOT_ALLOWED = "此操作不允许 / this operation is not allowed";

  private final RefusalTrail trail;

  ApiRefusals(RefusalTrail trail) {
    this.trail = trail;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    refuse(request, response, "not allowed for the caller's role", NOT_ALLOWED);
  }

  void refuse(
      HttpServletRequest request, HttpServletResponse response, String reason, String message)
      throws IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller != null
        && caller.isAuthenticated()
        && !(caller instanceof AnonymousAuthenticationToken)) {
      trail.record(
          caller.getName(),
          request.getMethod(),
          request.getRequestURI().substring(request.getContextPath().length()),
          reason);
    }
    JsonRefusal.send(response, HttpServletResponse.SC_FORBIDDEN, message);
  }
}
