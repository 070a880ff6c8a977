package org.tripapproval.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A call that changes state and rides the webapps' login (the session cookie) must say it comes
 * from our own pages' script: {@code X-Requested-With: XMLHttpRequest}. Another site can make a
 * browser send the cookie with a form or an image, but not this header (a cross-site script asking
 * for it needs a CORS preflight, which this application never grants). Scripts with their own
 * credentials (HTTP Basic, sent without a challenge: NoBasicChallenge) need no header; reads need
 * none either. It runs after the session's login, so that a refusal names the user in the trail.
 */
public class CrossSiteRequestGuard extends OncePerRequestFilter {

  public static final String HEADER = "X-Requested-With";
  static final String OUR_SCRIPT = "XMLHttpRequest";
  static final String REFUSED =
      "须由本系统页面发出 / must come from the application's own pages: send the header "
          + HEADER
          + ": "
          + OUR_SCRIPT
          + ", or HTTP Basic credentials";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final ApiRefusals refusals;

  public CrossSiteRequestGuard(ApiRefusals refusals) {
    this.refusals = refusals;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean ownCredentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    boolean ridesSession = request.getRequestedSessionId() != null;
    if (!SAFE.contains(request.getMethod())
        && ridesSession
        && !ownCredentials
        && !OUR_SCRIPT.equals(request.getHeader(HEADER))) {
      refusals.refuse(
          request, response, "a change riding the webapp login without " + HEADER, REFUSED);
      return;
    }
    chain.doFilter(request, response);
  }
}
