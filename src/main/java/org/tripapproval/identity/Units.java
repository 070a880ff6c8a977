package org.tripapproval.identity;

import java.util.Arrays;
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

  /** The longest short name a request number carries. */
  static final int MAX_SHORT_NAME = 40;

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

  /**
   * The unit's short name as request numbers carry it: the Chinese part of its group's name (省商务厅
   * of "省商务厅 Department of Commerce"), or the group's id when the name has none.
   */
  public String shortName(String unit) {
    Group group = identityService.createGroupQuery().groupId(unit).singleResult();
    return shortNameOf(unit, group == null ? null : group.getName());
  }

  /** The first word of the name that has a Chinese character in it, else the id. */
  static String shortNameOf(String id, String name) {
    String chinese =
        name == null
            ? null
            : Arrays.stream(name.split("[\\p{Z}\\s\\p{Cntrl}]+"))
                .filter(word -> word.codePoints().anyMatch(Units::isHan))
                .findFirst()
                .orElse(null);
    String shortName = chinese != null ? chinese : id;
    return shortName.codePointCount(0, shortName.length()) <= MAX_SHORT_NAME
        ? shortName
        : shortName.substring(0, shortName.offsetByCodePoints(0, MAX_SHORT_NAME));
  }

  private static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }
}
