package org.tripapproval.approval;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.identity.Names;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The disclosure boards (公示栏), each unit's for its members and every one for the foreign affairs
 * office (web/WebSecurity decides first, this again): {@code GET /api/disclosure} the boards the
 * caller may read; {@code GET /api/disclosure/{unit}} one board; {@code POST
 * /api/disclosure/{unit}/trips/{processInstanceId}/objections {"grounds":"…"}} an objection, by a
 * member of the unit, to a trip in its pre-trip disclosure.
 */
@RestController
@RequestMapping("/api/disclosure")
class DisclosureApi {

  private final DisclosureBoard board;
  private final Objections objections;
  private final IdentityService identity;
  private final Names names;

  DisclosureApi(
      DisclosureBoard board, Objections objections, IdentityService identity, Names names) {
    this.board = board;
    this.objections = objections;
    this.identity = identity;
    this.names = names;
  }

  record BoardName(String unit, String unitName) {}

  @GetMapping
  Map<String, List<BoardName>> boards(Principal caller) {
    Map<String, String> units = names.units();
    List<String> groups = groupsOf(caller.getName());
    return Map.of(
        "boards",
        units.entrySet().stream()
            .filter(
                unit ->
                    groups.contains(RoleGroups.FOREIGN_AFFAIRS_OFFICE)
                        || groups.contains(unit.getKey()))
            .map(unit -> new BoardName(unit.getKey(), unit.getValue()))
            .toList());
  }

  @GetMapping("/{unit}")
  DisclosureBoard.Board board(Principal caller, @PathVariable String unit) {
    List<String> groups = groupsOf(caller.getName());
    if (!names.units().containsKey(unit)) {
      throw BoardRefused.noSuchUnit();
    }
    if (!groups.contains(unit) && !groups.contains(RoleGroups.FOREIGN_AFFAIRS_OFFICE)) {
      throw BoardRefused.notYourUnit();
    }
    return board.of(unit);
  }

  @PostMapping("/{unit}/trips/{processInstanceId}/objections")
  ResponseEntity<Void> object(
      Principal caller,
      @PathVariable String unit,
      @PathVariable String processInstanceId,
      @RequestBody(required = false) Map<String, Object> body) {
    Object grounds = body == null ? null : body.get(Objections.GROUNDS);
    if (grounds != null && !(grounds instanceof String)) {
      throw new InvalidParameterException(Objections.GROUNDS, "须为文字 / must be text");
    }
    objections.raise(unit, processInstanceId, caller.getName(), (String) grounds);
    return ResponseEntity.noContent().build();
  }

  private List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).unlimitedList().stream()
        .map(Group::getId)
        .toList();
  }
}
