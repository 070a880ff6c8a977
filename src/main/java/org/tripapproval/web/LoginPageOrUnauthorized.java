package org.tripapproval.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A page a person opens in a browser (/mail) without being logged in goes to the webapps' login
 * (the auditors' login page, ADR 0014) and comes back after it; anything else, a script's or a
 * frame's call, gets 401 without a Basic challenge, as everywhere.
 */
class LoginPageOrUnauthorized implements AuthenticationEntryPoint {

  static final String LOGIN_PAGE = "/audit/login.html";

  private final NoBasicChallenge unauthorized = new NoBasicChallenge();

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String accept = request.getHeader("Accept");
    boolean pageInABrowser =
        "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html");
    if (!pageInABrowser) {
      unauthorized.commence(request, response, e);
      return;
    }
    String asked = request.getRequestURI().substring(request.getContextPath().length());
    response.sendRedirect(
        request.getContextPath()
            + LOGIN_PAGE
            + "?next="
            + URLEncoder.encode(asked, StandardCharsets.UTF_8));
  }
}
