package org.tripapproval.rules;

import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The per-diem standards and exchange rates, loaded by finance and administrators (WebSecurity):
 * {@code POST /api/per-diem/standards?version=…&appliesFrom=YYYY-MM-DD} with the CSV {@code
 * country,city,currency,lodging,meals,incidentals}, and {@code POST
 * /api/per-diem/rates?version=…&appliesFrom=…} with {@code currency,yuan_per_unit}, each adding a
 * version (never replacing one). {@code GET} on either lists the versions, {@code GET …/{version}}
 * its rows. A bad file is refused with every wrong line named, and nothing of it is stored.
 */
@RestController
@RequestMapping("/api/per-diem")
class PerDiemApi {

  private final PerDiemTables tables;

  PerDiemApi(PerDiemTables tables) {
    this.tables = tables;
  }

  @GetMapping("/standards")
  List<PerDiemTables.Version> standardVersions() {
    return tables.standardVersions();
  }

  @GetMapping("/standards/{version}")
  List<PerDiemTables.Standard> standards(@PathVariable String version) {
    return tables.standards(version).orElseThrow(() -> unknown(version));
  }

  @PostMapping("/standards")
  PerDiemTables.Version loadStandards(
      Principal caller,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String appliesFrom,
      @RequestBody(required = false) String csv) {
    return tables.loadStandards(version, appliesFrom, csv, caller.getName());
  }

  @GetMapping("/rates")
  List<PerDiemTables.Version> rateVersions() {
    return tables.rateVersions();
  }

  @GetMapping("/rates/{version}")
  List<PerDiemTables.Rate> rates(@PathVariable String version) {
    return tables.rates(version).orElseThrow(() -> unknown(version));
  }

  @PostMapping("/rates")
  PerDiemTables.Version loadRates(
      Principal caller,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String appliesFrom,
      @RequestBody(required = false) String csv) {
    return tables.loadRates(version, appliesFrom, csv, caller.getName());
  }

  private static InvalidParameterException unknown(String version) {
    return new InvalidParameterException("version", "没有此版本 / no version " + version);
  }
}
