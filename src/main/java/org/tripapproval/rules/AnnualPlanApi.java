package org.tripapproval.rules;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The annual plans, loaded by administrators: {@code PUT /api/plans/{unit}/{year}} with the CSV as
 * body ({@code reference,title,headcount}), replacing that unit's plan for the year; {@code GET
 * /api/plans/{unit}/{year}} lists it (administrators and reviewers any unit's; a unit's members
 * their own unit's, to choose the entry a request is for: WebSecurity). A bad file is refused with
 * every wrong line named, and nothing of it is stored.
 */
@RestController
@RequestMapping("/api/plans")
class AnnualPlanApi {

  private final AnnualPlans plans;
  private final IdentityService identity;

  AnnualPlanApi(AnnualPlans plans, IdentityService identity) {
    this.plans = plans;
    this.identity = identity;
  }

  @GetMapping("/{unit}/{year}")
  List<AnnualPlans.Entry> plan(@PathVariable String unit, @PathVariable String year) {
    return plans.entries(knownUnit(unit), checkedYear(year));
  }

  @PutMapping("/{unit}/{year}")
  Map<String, Object> load(
      Principal caller,
      @PathVariable String unit,
      @PathVariable String year,
      @RequestBody(required = false) String csv) {
    int loaded = plans.load(knownUnit(unit), checkedYear(year), csv, caller.getName());
    return Map.of("unit", unit, "year", Integer.parseInt(year), "entries", loaded);
  }

  private String knownUnit(String unit) {
    if (identity.createGroupQuery().groupId(unit).groupType(RoleGroups.UNIT_TYPE).count() == 0) {
      throw new InvalidParameterException("unit", "没有此单位 / is not a unit");
    }
    return unit;
  }

  private static int checkedYear(String year) {
    if (!year.matches("20\\d\\d")) {
      throw new InvalidParameterException(
          "year", "须为2000到2099之间的年份 / must be a year from 2000 to 2099");
    }
    return Integer.parseInt(year);
  }
}
