package org.tripapproval.approval;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * My trips (我的出访), for applicants (web/WebSecurity): {@code GET /api/my-trips} lists the caller's
 * own trips; {@code POST /api/my-trips/{processInstanceId}/withdrawal {"reason":"…"}} withdraws one
 * before departure; {@code POST /api/my-trips/{processInstanceId}/change} asks to change an
 * approved trip before departure and answers the Tasklist task where the change is entered (ADR
 * 0022).
 */
@RestController
@RequestMapping("/api/my-trips")
class MyTripsApi {

  private final MyTrips myTrips;
  private final Withdrawals withdrawals;
  private final TripChanges changes;

  MyTripsApi(MyTrips myTrips, Withdrawals withdrawals, TripChanges changes) {
    this.myTrips = myTrips;
    this.withdrawals = withdrawals;
    this.changes = changes;
  }

  @PostMapping("/{processInstanceId}/change")
  Map<String, String> change(Principal caller, @PathVariable String processInstanceId) {
    String task = changes.request(processInstanceId, caller.getName());
    return Map.of("taskId", task, "tasklist", "/camunda/app/tasklist/default/#/?task=" + task);
  }

  @GetMapping
  Map<String, List<MyTrips.MyTrip>> mine(Principal caller) {
    return Map.of("trips", myTrips.of(caller.getName()));
  }

  @PostMapping("/{processInstanceId}/withdrawal")
  ResponseEntity<Void> withdraw(
      Principal caller,
      @PathVariable String processInstanceId,
      @RequestBody(required = false) Map<String, Object> body) {
    Object reason = body == null ? null : body.get(Withdrawals.REASON);
    if (reason != null && !(reason instanceof String)) {
      throw new InvalidParameterException(Withdrawals.REASON, "须为文字 / must be text");
    }
    withdrawals.withdraw(processInstanceId, caller.getName(), (String) reason);
    return ResponseEntity.noContent().build();
  }
}
