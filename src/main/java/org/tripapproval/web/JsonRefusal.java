package org.tripapproval.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A refusal at the edge, before any controller runs: the status and a JSON error in both languages.
 */
final class JsonRefusal {

  private JsonRefusal() {}

  static void send(HttpServletResponse response, int status, String error) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write("{\"status\":" + status + ",\"error\":\"" + error.replace("\"", "'") + "\"}");
  }
}
