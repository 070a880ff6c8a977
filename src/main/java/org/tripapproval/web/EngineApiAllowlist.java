package org.tripapproval.web;

import static org.tripapproval.web.EngineApiAllowlist.Role.*;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tripapproval.identity.RoleGroups;

/**
 * What each role may call on the engine's REST API (/engine-rest, /engine-rest/engine/default, and
 * the webapps' /camunda/api/engine/engine/default) and on the webapps' plugin APIs: exactly what
 * Tasklist, Cockpit (read-only), Admin and the README's REST calls need. Everything else is refused
 * for everyone. The engine's authorizations still decide which trips and tasks a call may touch;
 * this table decides which operations exist for a role at all.
 *
 * <p>A template's {@code {name}} stands for one path segment, never for one of the engine's own
 * words at that place (e.g. {@code count}, {@code key}, {@code create}); a trailing {@code /**}
 * stands for the path and everything below it.
 */
final class EngineApiAllowlist {

  enum Role {
    APPLICANT,
    REVIEWER,
    FOREIGN_AFFAIRS_OFFICE,
    AUDITOR,
    ADMINISTRATOR;

    static Set<Role> of(Collection<String> groups) {
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (String group : groups) {
        switch (group) {
          case RoleGroups.APPLICANTS -> roles.add(APPLICANT);
          case RoleGroups.UNIT_HEADS, RoleGroups.FINANCE, RoleGroups.LEADERSHIP ->
              roles.add(REVIEWER);
          case RoleGroups.FOREIGN_AFFAIRS_OFFICE -> {
            roles.add(REVIEWER);
            roles.add(FOREIGN_AFFAIRS_OFFICE);
          }
          case RoleGroups.AUDITORS -> roles.add(AUDITOR);
          case RoleGroups.ADMINISTRATORS -> roles.add(ADMINISTRATOR);
          default -> {
            if (group.startsWith(RoleGroups.UNIT_HEAD_PREFIX)) {
              roles.add(REVIEWER);
            }
          }
        }
      }
      return roles;
    }
  }

  record Rule(String method, String template, Set<Role> roles) {}

  /** Every logged-in user, in a role group or not (who am I, log out, the password policy). */
  private static final Set<Role> ANYONE = EnumSet.allOf(Role.class);

  private static final Set<Role> TASKLIST = EnumSet.of(APPLICANT, REVIEWER, ADMINISTRATOR);
  private static final Set<Role> COCKPIT =
      EnumSet.of(FOREIGN_AFFAIRS_OFFICE, AUDITOR, ADMINISTRATOR);
  private static final Set<Role> DECIDERS = EnumSet.of(APPLICANT, REVIEWER);
  private static final Set<Role> ADMIN = EnumSet.of(ADMINISTRATOR);

  /** The engine's REST API, after the engine prefix. */
  static final List<Rule> ENGINE =
      List.of(
          // everyone logged in: who am I, which engine, which groups, the password policy
          // (Tasklist, Admin, Welcome)
          new Rule("GET", "/engine", ANYONE),
          new Rule("GET", "/version", ANYONE),
          new Rule("GET", "/user/{id}/profile", ANYONE),
          new Rule("GET", "/identity/groups", ANYONE),
          new Rule("GET", "/identity/password-policy", ANYONE),
          new Rule("POST", "/identity/password-policy", ANYONE),
          new Rule("GET", "/authorization/check", ANYONE),
          // which operations the caller may use on a resource (Tasklist asks of filters, Admin of
          // users and groups)
          new Rule("OPTIONS", "/**", ANYONE),
          // Tasklist: the filters and their tasks, the task's form and variables, the start forms,
          // the diagram, the history
          new Rule("GET", "/filter", TASKLIST),
          new Rule("GET", "/filter/count", TASKLIST),
          new Rule("GET", "/filter/{id}", TASKLIST),
          new Rule("GET", "/filter/{id}/list", TASKLIST),
          new Rule("POST", "/filter/{id}/list", TASKLIST),
          new Rule("GET", "/filter/{id}/count", TASKLIST),
          new Rule("POST", "/filter/{id}/count", TASKLIST),
          new Rule("GET", "/task/**", TASKLIST),
          new Rule("POST", "/task", TASKLIST),
          new Rule("POST", "/task/count", TASKLIST),
          new Rule("GET", "/process-definition/**", TASKLIST),
          new Rule("GET", "/process-instance/**", TASKLIST),
          new Rule("GET", "/history/**", TASKLIST),
          new Rule("GET", "/user", TASKLIST),
          new Rule("GET", "/user/count", TASKLIST),
          new Rule("GET", "/group", TASKLIST),
          new Rule("GET", "/group/count", TASKLIST),
          new Rule("GET", "/group/{id}", TASKLIST),
          // deciding: claim, hand back, submit the task's form; comments. Never bpmnError,
          // escalation, delegation,
          // assignment to others, or variables set outside a form (trip/TaskInputs checks what a
          // form sets)
          new Rule("POST", "/task/{id}/claim", DECIDERS),
          new Rule("POST", "/task/{id}/unclaim", DECIDERS),
          new Rule("POST", "/task/{id}/submit-form", DECIDERS),
          new Rule("POST", "/task/{id}/complete", DECIDERS),
          new Rule("POST", "/task/{id}/comment/create", DECIDERS),
          // starting a trip through its start form (Tasklist by id, the README by key); never
          // /start with instructions
          new Rule("POST", "/process-definition/{id}/submit-form", EnumSet.of(APPLICANT)),
          new Rule("POST", "/process-definition/key/{key}/submit-form", EnumSet.of(APPLICANT)),
          // Cockpit, read-only: every read, and the queries Cockpit sends as POST
          new Rule("GET", "/**", COCKPIT),
          new Rule("POST", "/process-instance", COCKPIT),
          new Rule("POST", "/process-instance/count", COCKPIT),
          new Rule("POST", "/execution", COCKPIT),
          new Rule("POST", "/execution/count", COCKPIT),
          new Rule("POST", "/variable-instance", COCKPIT),
          new Rule("POST", "/variable-instance/count", COCKPIT),
          new Rule("POST", "/job", COCKPIT),
          new Rule("POST", "/job/count", COCKPIT),
          new Rule("POST", "/job-definition", COCKPIT),
          new Rule("POST", "/job-definition/count", COCKPIT),
          new Rule("POST", "/external-task", COCKPIT),
          new Rule("POST", "/external-task/count", COCKPIT),
          new Rule("POST", "/history/activity-instance", COCKPIT),
          new Rule("POST", "/history/activity-instance/count", COCKPIT),
          new Rule("POST", "/history/process-instance", COCKPIT),
          new Rule("POST", "/history/process-instance/count", COCKPIT),
          new Rule("POST", "/history/task", COCKPIT),
          new Rule("POST", "/history/task/count", COCKPIT),
          new Rule("POST", "/history/variable-instance", COCKPIT),
          new Rule("POST", "/history/variable-instance/count", COCKPIT),
          new Rule("POST", "/history/detail", COCKPIT),
          new Rule("POST", "/history/job-log", COCKPIT),
          new Rule("POST", "/history/job-log/count", COCKPIT),
          new Rule("POST", "/history/external-task-log", COCKPIT),
          new Rule("POST", "/history/external-task-log/count", COCKPIT),
          // Admin: users, groups, tenants, authorizations (a user's own profile too: only here)
          new Rule("POST", "/user/create", ADMIN),
          new Rule("PUT", "/user/{id}/profile", ADMIN),
          new Rule("PUT", "/user/{id}/credentials", ADMIN),
          new Rule("POST", "/user/{id}/unlock", ADMIN),
          new Rule("DELETE", "/user/{id}", ADMIN),
          new Rule("POST", "/group/create", ADMIN),
          new Rule("PUT", "/group/{id}", ADMIN),
          new Rule("DELETE", "/group/{id}", ADMIN),
          new Rule("PUT", "/group/{id}/members/{userId}", ADMIN),
          new Rule("DELETE", "/group/{id}/members/{userId}", ADMIN),
          new Rule("POST", "/tenant/create", ADMIN),
          new Rule("PUT", "/tenant/{id}", ADMIN),
          new Rule("DELETE", "/tenant/{id}", ADMIN),
          new Rule("PUT", "/tenant/{id}/user-members/{userId}", ADMIN),
          new Rule("DELETE", "/tenant/{id}/user-members/{userId}", ADMIN),
          new Rule("PUT", "/tenant/{id}/group-members/{groupId}", ADMIN),
          new Rule("DELETE", "/tenant/{id}/group-members/{groupId}", ADMIN),
          new Rule("POST", "/authorization/create", ADMIN),
          new Rule("PUT", "/authorization/{id}", ADMIN),
          new Rule("DELETE", "/authorization/{id}", ADMIN),
          // the models (they can hold scripts that run in the JVM)
          new Rule("POST", "/deployment/create", ADMIN),
          new Rule("POST", "/deployment/{id}/redeploy", ADMIN),
          new Rule("DELETE", "/deployment/{id}", ADMIN),
          // operating (README): run a waiting timer now, move its due date; running trips move to
          // a new model version through /api/admin/process-migrations (ADR 0017), not here
          new Rule("POST", "/job/{id}/execute", ADMIN),
          new Rule("PUT", "/job/{id}/duedate", ADMIN));

  /**
   * The webapps' own APIs under /camunda/api (login, Cockpit's and Admin's plugins, static plugin
   * files).
   */
  static final List<Rule> WEBAPP_PLUGINS =
      List.of(
          new Rule("GET", "/admin/auth/user/{engine}", ANYONE),
          new Rule("POST", "/admin/auth/user/{engine}/login/{app}", ANYONE),
          new Rule("POST", "/admin/auth/user/{engine}/logout", ANYONE),
          new Rule("GET", "/{app}/plugin/{plugin}/static/**", ANYONE),
          new Rule("GET", "/welcome/**", ANYONE),
          new Rule("GET", "/tasklist/**", TASKLIST),
          // Cockpit's plugin resources answer queries only, also those sent as POST
          new Rule("GET", "/cockpit/**", COCKPIT),
          new Rule("POST", "/cockpit/plugin/{plugin}/{engine}/**", COCKPIT),
          new Rule("GET", "/admin/**", ADMIN),
          new Rule("POST", "/admin/plugin/{plugin}/{engine}/**", ADMIN),
          new Rule("PUT", "/admin/plugin/{plugin}/{engine}/**", ADMIN),
          new Rule("DELETE", "/admin/plugin/{plugin}/{engine}/**", ADMIN));

  /**
   * The engine's own words at a place where other paths have an id: {@code /process-instance/count}
   * is not {@code /process-instance/{id}}. Read from the engine's OpenAPI document.
   */
  static final Set<String> ENGINE_WORDS =
      Set.of(
          "check",
          "cleanable-batch-report",
          "cleanable-process-instance-report",
          "count",
          "create",
          "delete",
          "delete-historic-query-based",
          "fetchAndLock",
          "job-retries",
          "job-retries-historic-query-based",
          "key",
          "message-async",
          "registered",
          "report",
          "retries",
          "retries-async",
          "set-removal-time",
          "statistics",
          "suspended",
          "suspended-async",
          "topic-names",
          "variables-async");

  private EngineApiAllowlist() {}

  static boolean permits(Set<Role> roles, EngineRequest.Api api, String method, String resource) {
    List<Rule> rules = api == EngineRequest.Api.ENGINE ? ENGINE : WEBAPP_PLUGINS;
    String[] path = resource.substring(1).split("/", -1);
    for (Rule rule : rules) {
      if (rule.method().equals(method)
          && (rule.roles() == ANYONE || !Collections.disjoint(rule.roles(), roles))
          && matches(rule.template().substring(1).split("/", -1), path)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String[] template, String[] path) {
    for (int i = 0; i < template.length; i++) {
      String expected = template[i];
      if (expected.equals("**")) {
        return true;
      }
      if (i >= path.length) {
        return false;
      }
      boolean variable = expected.startsWith("{");
      if (variable
          ? ENGINE_WORDS.contains(path[i]) || path[i].isEmpty()
          : !expected.equals(path[i])) {
        return false;
      }
    }
    return template.length == path.length;
  }
}
