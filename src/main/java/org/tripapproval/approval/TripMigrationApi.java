package org.tripapproval.approval;

import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators (web/WebSecurity): {@code GET /api/admin/process-migrations} shows which trips
 * waiting on an older version of the model would move to the newest and which could not, and why;
 * {@code POST} moves them and records it in the system trail ({@link TripMigrations}).
 */
@RestController
@RequestMapping("/api/admin/process-migrations")
class TripMigrationApi {

  private final TripMigrations migrations;

  TripMigrationApi(TripMigrations migrations) {
    this.migrations = migrations;
  }

  @GetMapping
  TripMigrations.Result preview(Principal administrator) {
    return migrations.preview(administrator.getName());
  }

  @PostMapping
  TripMigrations.Result migrate(Principal administrator) {
    return migrations.migrate(administrator.getName());
  }
}
