package org.tripapproval.people;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.identity.Names;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The personnel directory over HTTP: {@code GET /api/people?q=王伟} for the request forms (anyone
 * logged in: names, units, posts and ranks, never user ids), {@code GET /api/people/units/{unit}}
 * and {@code PUT /api/people/units/{unit}} with the unit's CSV for administrators (WebSecurity).
 */
@RestController
@RequestMapping("/api/people")
class PeopleApi {

  /** A person as a form lists them: 王伟 · 省商务厅 · 处长 · 处级 · E1001. */
  record Listed(
      String id,
      String name,
      String unit,
      String unitName,
      String post,
      String rank,
      String rankLabel,
      boolean principalLeader) {}

  private final Directory directory;
  private final IdentityService identity;
  private final Names names;

  PeopleApi(Directory directory, IdentityService identity, Names names) {
    this.directory = directory;
    this.identity = identity;
    this.names = names;
  }

  @GetMapping
  List<Listed> search(
      @RequestParam(name = "q", required = false) String text,
      @RequestParam(name = "unit", required = false) String unit) {
    String wanted = text == null ? "" : text.strip();
    if (wanted.isEmpty()
        || wanted.length() > 100
        || wanted.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidParameterException(
          "q", "须为1到100个字的姓名或工号 / must be a name or employee number of 1 to 100 characters");
    }
    return listed(
        directory.search(wanted, unit == null || unit.isBlank() ? null : knownUnit(unit)));
  }

  @GetMapping("/units/{unit}")
  List<Listed> unit(@PathVariable String unit) {
    return listed(directory.ofUnit(knownUnit(unit)));
  }

  @PutMapping("/units/{unit}")
  Map<String, Object> load(
      Principal caller, @PathVariable String unit, @RequestBody(required = false) String csv) {
    int loaded = directory.load(knownUnit(unit), csv, caller.getName());
    return Map.of("unit", unit, "people", loaded);
  }

  private List<Listed> listed(List<Person> people) {
    return people.stream()
        .map(
            person ->
                new Listed(
                    person.id(),
                    person.name(),
                    person.unit(),
                    names.unit(person.unit()),
                    person.post(),
                    person.rank().code(),
                    person.rank().label(),
                    person.principalLeader()))
        .toList();
  }

  private String knownUnit(String unit) {
    if (identity.createGroupQuery().groupId(unit).groupType(RoleGroups.UNIT_TYPE).count() == 0) {
      throw new InvalidParameterException("unit", "没有此单位 / is not a unit");
    }
    return unit;
  }
}
