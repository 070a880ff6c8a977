package org.tripapproval.web;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP Basic on /engine-rest without the WWW-Authenticate challenge: a browser that is never asked
 * never caches Basic credentials that another site's form could then ride on (as NoBasicChallenge
 * for /api). Scripts send their credentials unasked ({@code curl -u}); the 401 stays.
 */
public class BasicWithoutChallenge extends HttpBasicAuthenticationProvider {

  @Override
  public void augmentResponseByAuthenticationChallenge(
      HttpServletResponse response, ProcessEngine engine) {
    // no challenge: see the class comment
  }
}
