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
    return ResponseEntity.badRequest()
        .body(Map.of("parameter", e.parameter(), "error", e.getMessage()));
  }

  /** An uploaded CSV with wrong lines: all of them, by line. */
  @ExceptionHandler(CsvUpload.InvalidCsvException.class)
  ResponseEntity<Map<String, Object>> invalidCsv(CsvUpload.InvalidCsvException e) {
    return ResponseEntity.badRequest().body(Map.of("parameter", "csv", "errors", e.errors()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> malformed(MethodArgumentTypeMismatchException e) {
    return invalid(new InvalidParameterException(e.getName(), "格式不正确 / is malformed"));
  }
}
