package org.tripapproval.approval;

import org.springframework.stereotype.Component;
import org.tripapproval.identity.RoleGroups;

/**
 * Who reviews at each level that trip-review-routing.dmn names. Read by the candidate groups of the
 * review tasks in overseas-trip.bpmn.
 */
@Component("reviewRouting")
public class ReviewRouting {

  public String candidateGroup(String reviewLevel, String unit) {
    return switch (reviewLevel) {
      case "unitHead" -> RoleGroups.unitHeads(unit);
      case "foreignAffairs" -> RoleGroups.FOREIGN_AFFAIRS_OFFICE;
      case "finance" -> RoleGroups.FINANCE;
      case "leadership" -> RoleGroups.LEADERSHIP;
      default ->
          throw new IllegalArgumentException(
              "unknown review level in trip-review-routing: " + reviewLevel);
    };
  }

  public String reportVerifiers() {
    return RoleGroups.FOREIGN_AFFAIRS_OFFICE;
  }
}
