package org.tripapproval.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.http.HttpHeaders;
import org.tripapproval.identity.LoginCache;

/**
 * HTTP Basic on /engine-rest, checked through the {@link LoginCache}, without the WWW-Authenticate
 * challenge: a browser that is never asked never caches Basic credentials that another site's form
 * could then ride on (as NoBasicChallenge for /api). Scripts send their credentials unasked ({@code
 * curl -u}); the 401 stays.
 */
class BasicWithoutChallenge implements AuthenticationProvider {

  private static final String BASIC = "Basic ";

  private final LoginCache logins;

  BasicWithoutChallenge(LoginCache logins) {
    this.logins = logins;
  }

  @Override
  public AuthenticationResult extractAuthenticatedUser(
      HttpServletRequest request, ProcessEngine engine) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BASIC)) {
      return AuthenticationResult.unsuccessful();
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return AuthenticationResult.unsuccessful();
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return AuthenticationResult.unsuccessful();
    }
    String user = credentials.substring(0, colon);
    return logins
        .login(user, credentials.substring(colon + 1))
        .map(
            login -> {
              AuthenticationResult result = AuthenticationResult.successful(user);
              result.setGroups(login.groups());
              result.setTenants(login.tenants());
              return result;
            })
        .orElseGet(() -> AuthenticationResult.unsuccessful(user));
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(
      HttpServletResponse response, ProcessEngine engine) {
    // no challenge: see the class comment
  }
}
