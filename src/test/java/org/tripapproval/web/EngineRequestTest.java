package org.tripapproval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tripapproval.web.EngineApiAllowlist.Role;
import org.tripapproval.web.EngineRequest.Api;

class EngineRequestTest {

  private static final String WEBAPPS = "/camunda";

  @Test
  void everyPrefixOfTheEngineApiNamesTheSameResource() throws Exception {
    EngineRequest plain = EngineRequest.of("/engine-rest/task/1/claim", WEBAPPS);
    assertThat(EngineRequest.of("/engine-rest/engine/default/task/1/claim", WEBAPPS))
        .isEqualTo(plain);
    assertThat(EngineRequest.of("/camunda/api/engine/engine/default/task/1/claim", WEBAPPS))
        .isEqualTo(plain);
    assertThat(EngineRequest.of("//engine-rest///task/1/claim/", WEBAPPS)).isEqualTo(plain);
    assertThat(EngineRequest.of("/engine-rest/%74ask/1/claim", WEBAPPS)).isEqualTo(plain);
    assertThat(plain).isEqualTo(new EngineRequest(Api.ENGINE, "default", "/task/1/claim"));
  }

  @Test
  void otherEnginesAndPluginsAreNamedAsSuch() throws Exception {
    assertThat(EngineRequest.of("/engine-rest/engine/other/task", WEBAPPS).engine())
        .isEqualTo("other");
    assertThat(EngineRequest.of("/engine-rest/engine", WEBAPPS).resource()).isEqualTo("/engine");
    assertThat(
            EngineRequest.of("/camunda/api/cockpit/plugin/base/default/process-instance", WEBAPPS))
        .isEqualTo(
            new EngineRequest(
                Api.WEBAPP_PLUGIN, "default", "/cockpit/plugin/base/default/process-instance"));
    assertThat(EngineRequest.of("/api/audit/trips", WEBAPPS)).isNull();
  }

  @Test
  void spellingsThatCouldBeReadTwoWaysAreRefused() {
    for (String path :
        new String[] {
          "/engine-rest/task%2F1/claim",
          "/engine-rest/task/..%2Fjob/1/execute",
          "/engine-rest/task/../job/1/execute",
          "/engine-rest/./task",
          "/engine-rest/job;x=y/1/execute",
          "/engine-rest/task/%2E%2E/job",
          "/engine-rest/task/1%3Bx/claim",
          "/engine-rest/task\\1",
          "/engine-rest/task/%5C1",
          "/engine-rest/task/%251/claim",
          "/engine-rest/task/%zz",
          "/engine-rest/task/%0a"
        }) {
      assertThatThrownBy(() -> EngineRequest.of(path, WEBAPPS))
          .as(path)
          .isInstanceOf(EngineRequest.Unreadable.class);
    }
  }

  @Test
  void anIdNeverStandsForOneOfTheEnginesWords() {
    EnumSet<Role> admin = EnumSet.of(Role.ADMINISTRATOR);
    assertThat(EngineApiAllowlist.permits(admin, Api.ENGINE, "DELETE", "/deployment/d1")).isTrue();
    assertThat(EngineApiAllowlist.permits(admin, Api.ENGINE, "PUT", "/user/zhang.wei/profile"))
        .isTrue();
    assertThat(EngineApiAllowlist.permits(admin, Api.ENGINE, "PUT", "/job/1/duedate")).isTrue();
    assertThat(EngineApiAllowlist.permits(admin, Api.ENGINE, "PUT", "/job/suspended/duedate"))
        .isFalse();
    assertThat(
            EngineApiAllowlist.permits(
                EnumSet.of(Role.APPLICANT),
                Api.ENGINE,
                "POST",
                "/process-definition/key/submit-form"))
        .isFalse();
  }

  @Test
  void rolesComeFromTheGroups() {
    assertThat(Role.of(List.of("unit-head-commerce"))).containsExactly(Role.REVIEWER);
    assertThat(Role.of(List.of("foreign-affairs-office")))
        .contains(Role.REVIEWER, Role.FOREIGN_AFFAIRS_OFFICE);
    assertThat(Role.of(List.of("commerce", "someone-else"))).isEmpty();
  }
}
