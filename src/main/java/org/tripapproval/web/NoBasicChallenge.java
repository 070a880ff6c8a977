package org.tripapproval.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 without a WWW-Authenticate challenge, to everyone. A browser that is never challenged never
 * shows a login dialog and never caches Basic credentials, which it would then send along with a
 * request that another site makes it send. Browsers log in through the webapps; scripts send Basic
 * credentials without being asked.
 */
public class NoBasicChallenge implements AuthenticationEntryPoint {

  static final String LOGIN_REQUIRED =
      "须先登录 / login required: log in to Tasklist, or send HTTP Basic credentials";

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    JsonRefusal.send(response, HttpServletResponse.SC_UNAUTHORIZED, LOGIN_REQUIRED);
  }
}
