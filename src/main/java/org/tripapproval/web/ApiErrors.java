package org.tripapproval.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.refusal.Refusal;

/**
 * Every refusal of the project's API answers the same way: its status, with its type, its message
 * and what it names (the parameter, the wrong lines).
 */
@RestControllerAdvice(basePackages = "org.tripapproval")
class ApiErrors {

  /**
   * Refusals are RuntimeExceptions of several kinds; anything else goes on to Spring's handling.
   */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> refused(RuntimeException e) {
    if (!(e instanceof Refusal refusal)) {
      throw e;
    }
    return ResponseEntity.status(refusal.status()).body(body(refusal));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> malformed(MethodArgumentTypeMismatchException e) {
    return refused(new InvalidParameterException(e.getName(), "格式不正确 / is malformed"));
  }

  static Map<String, Object> body(Refusal refusal) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", refusal.type());
    body.put("error", refusal.getMessage());
    body.putAll(refusal.details());
    return body;
  }
}
