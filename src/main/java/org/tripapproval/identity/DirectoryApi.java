package org.tripapproval.identity;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * Names instead of ids for the task forms, for anyone logged in: {@code GET
 * /api/directory/my-units} (the caller's own units, to choose the one a request is for) and {@code
 * GET /api/directory/names?user=li.na&unit=commerce} (what to show for the ids on a trip: 李娜,
 * 省商务厅). Only names are answered, never groups, e-mail or anything else of a user.
 */
@RestController
@RequestMapping("/api/directory")
class DirectoryApi {

  /** The most ids one call may ask for: a trip names a few people and one unit. */
  static final int MAX_IDS = 50;

  record Unit(String id, String name) {}

  record NamesAnswer(Map<String, String> users, Map<String, String> units) {}

  private final IdentityService identity;
  private final Names names;

  DirectoryApi(IdentityService identity, Names names) {
    this.identity = identity;
    this.names = names;
  }

  @GetMapping("/my-units")
  List<Unit> myUnits(Principal caller) {
    return identity
        .createGroupQuery()
        .groupMember(caller.getName())
        .groupType(RoleGroups.UNIT_TYPE)
        .orderByGroupId()
        .asc()
        .unlimitedList()
        .stream()
        .map(unit -> new Unit(unit.getId(), names.unit(unit.getId())))
        .toList();
  }

  @GetMapping("/names")
  NamesAnswer names(
      @RequestParam(name = "user", required = false) List<String> users,
      @RequestParam(name = "unit", required = false) List<String> units) {
    Map<String, String> people = new LinkedHashMap<>();
    Map<String, String> unitNames = new LinkedHashMap<>();
    checked("user", users).forEach(user -> people.put(user, names.person(user)));
    checked("unit", units).forEach(unit -> unitNames.put(unit, names.unit(unit)));
    return new NamesAnswer(people, unitNames);
  }

  private static List<String> checked(String parameter, List<String> ids) {
    if (ids == null) {
      return List.of();
    }
    if (ids.size() > MAX_IDS) {
      throw new InvalidParameterException(
          parameter, "最多" + MAX_IDS + "个 / at most " + MAX_IDS + " at once");
    }
    return ids.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
  }
}
