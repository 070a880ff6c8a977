package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.rules.PerDiemTables;

/**
 * A version of the per-diem standards or exchange rates loaded becomes an entry of the system's
 * trail (no trip), in the loading transaction: the rules cannot reach the trail themselves (the
 * trail is below them), and a load that fails leaves no entry.
 */
@Component
class PerDiemLoadsTrailed {

  private final AuditTrail trail;
  private final ObjectMapper mapper;

  PerDiemLoadsTrailed(AuditTrail trail, ObjectMapper mapper) {
    this.trail = trail;
    this.mapper = mapper;
  }

  @EventListener
  void onLoaded(PerDiemTables.Loaded loaded) {
    PerDiemTables.Version version = loaded.version();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version.version());
    details.put("appliesFrom", version.appliesFrom().toString());
    details.put("rows", version.rows());
    try {
      trail.append(
          new AuditTrail.Entry(
              null,
              loaded.event(),
              version.loadedBy(),
              version.loadedAt(),
              mapper.writeValueAsString(details)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record " + loaded.event(), e);
    }
  }
}
