package org.tripapproval.config;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every refused parameter of the project's API answers the same way: 400, naming the parameter. */
@RestControllerAdvice(basePackages = "org.tripapproval")
class ApiErrors {

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Map<String, String>> invalid(InvalidParameterException e) {
    return ResponseEntity.badRequest().body(Map.of("parameter", e.parameter(), "error", e.getMessage()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> malformed(MethodArgumentTypeMismatchException e) {
    return invalid(new InvalidParameterException(e.getName(), "格式不正确 / is malformed"));
  }
}
