package org.tripapproval.approval;

import org.springframework.stereotype.Component;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReviewLevel;

/**
 * Who reviews at each level that trip-review-routing.dmn names. Read by the candidate groups of the
 * review tasks in overseas-trip.bpmn.
 */
@Component("reviewRouting")
public class ReviewRouting {

  public String candidateGroup(String reviewLevel, String unit) {
    ReviewLevel level =
        Labels.find(ReviewLevel.class, reviewLevel)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown review level in trip-review-routing: " + reviewLevel));
    return switch (level) {
      case UNIT_HEAD -> RoleGroups.unitHeads(unit);
      case FOREIGN_AFFAIRS -> RoleGroups.FOREIGN_AFFAIRS_OFFICE;
      case FINANCE -> RoleGroups.FINANCE;
      case LEADERSHIP -> RoleGroups.LEADERSHIP;
    };
  }

  /** Who decides an objection raised on a disclosure board: the foreign affairs office. */
  public String objectionDeciders() {
    return RoleGroups.FOREIGN_AFFAIRS_OFFICE;
  }

  public String reportVerifiers() {
    return RoleGroups.FOREIGN_AFFAIRS_OFFICE;
  }
}
