package org.tripapproval.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Units (单位) are Camunda groups of type {@value RoleGroups#UNIT_TYPE}; an applicant applies for a
 * unit they belong to, and that unit's head reviews first.
 */
@Component
public class Units {

  private final IdentityService identityService;

  Units(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The unit a request is for: the one named, if the applicant belongs to it, or the applicant's
   * only unit. Adds a problem and returns null when there is none.
   */
  public String unitOf(String applicant, String named, List<String> problems) {
    if (applicant == null) {
      problems.add("applicant: 请先登录 / the applicant must be logged in");
      return null;
    }
    List<String> own =
        identityService
            .createGroupQuery()
            .groupMember(applicant)
            .groupType(RoleGroups.UNIT_TYPE)
            .unlimitedList()
            .stream()
            .map(Group::getId)
            .sorted()
            .toList();
    if (named != null && !named.isBlank()) {
      if (own.contains(named)) {
        return named;
      }
      problems.add("unit: 您不属于单位 " + named + " / you are not a member of unit " + named);
      return null;
    }
    if (own.size() == 1) {
      return own.get(0);
    }
    problems.add(
        own.isEmpty()
            ? "unit: 您未被分配到任何单位,请联系管理员 / you belong to no unit; ask an administrator"
            : "unit: 请选择单位 " + own + " / choose one of your units " + own);
    return null;
  }
}
