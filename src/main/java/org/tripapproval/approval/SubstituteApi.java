package org.tripapproval.approval;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * A reviewer's substitutes, for the reviewer themselves (HTTP Basic): {@code POST /api/substitutes
 * {"substitute":"wang.fang","from":"2026-12-01","until":"2026-12-10"}}, {@code GET
 * /api/substitutes}, {@code DELETE /api/substitutes/{id}}.
 */
@RestController
@RequestMapping("/api/substitutes")
class SubstituteApi {

  private final Substitutes substitutes;

  SubstituteApi(Substitutes substitutes) {
    this.substitutes = substitutes;
  }

  @GetMapping
  List<Substitutes.Substitution> mine(Principal caller) {
    return substitutes.of(caller.getName());
  }

  @PostMapping
  ResponseEntity<Substitutes.Substitution> name(
      Principal caller, @RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> fields = body == null ? Map.of() : body;
    Substitutes.Substitution named =
        substitutes.name(
            caller.getName(),
            text(fields, "substitute"),
            date(fields, "from"),
            date(fields, "until"));
    return ResponseEntity.created(URI.create("/api/substitutes/" + named.id())).body(named);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> cancel(Principal caller, @PathVariable long id) {
    return substitutes.cancel(id, caller.getName())
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  private static String text(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    if (value != null && !(value instanceof String)) {
      throw new InvalidParameterException(name, "格式不正确 / is malformed");
    }
    return (String) value;
  }

  private static LocalDate date(Map<String, Object> fields, String name) {
    String value = text(fields, name);
    try {
      return value == null || value.isBlank() ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(name, "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD");
    }
  }
}
