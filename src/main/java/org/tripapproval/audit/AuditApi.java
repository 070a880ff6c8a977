package org.tripapproval.audit;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditors' read-only API (auditors only, see WebSecurity): a trip's complete trail, and the
 * verification of the whole chain.
 */
@RestController
@RequestMapping("/api/audit")
class AuditApi {

  private final AuditTrail trail;

  AuditApi(AuditTrail trail) {
    this.trail = trail;
  }

  @GetMapping("/trail/verification")
  AuditTrail.Verification verify() {
    return trail.verify();
  }

  @GetMapping("/trips/{processInstanceId}/trail")
  ResponseEntity<?> tripTrail(@PathVariable String processInstanceId) {
    if (!processInstanceId.matches("[0-9a-fA-F-]{1,64}")) {
      return ResponseEntity.badRequest().body(Map.of("parameter", "processInstanceId",
          "error", "processInstanceId: 格式不正确 / is malformed"));
    }
    List<Map<String, Object>> entries = trail.forTrip(processInstanceId);
    return entries.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(entries);
  }
}
