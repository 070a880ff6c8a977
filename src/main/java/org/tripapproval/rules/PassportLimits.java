package org.tripapproval.rules;

import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The passport's limits as the rule tables write them: the days after return within which a
 * passport is handed back (report-limits in trip-report-check.dmn) and the months it must still be
 * valid after the return date (trip-limits in trip-rule-check.dmn).
 */
@Service
public class PassportLimits {

  private final LookupTables lookups;

  PassportLimits(LookupTables lookups) {
    this.lookups = lookups;
  }

  public int dueBackDays() {
    return limit("report-limits", "maxPassportDays");
  }

  public int minMonthsAfterReturn() {
    return limit("trip-limits", "minPassportMonthsAfterReturn");
  }

  private int limit(String table, String output) {
    Map<String, Object> row =
        lookups
            .first(table, Map.of())
            .orElseThrow(() -> new IllegalStateException(table + " has no row"));
    return ((Number) row.get(output)).intValue();
  }
}
