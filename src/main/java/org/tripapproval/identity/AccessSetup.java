package org.tripapproval.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.tripapproval.identity.RoleGroups.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripProcess;

/**
 * The role groups, what each may do in the engine and webapps, and the Tasklist filters. Created on
 * every start where missing, on every database: the groups' members are the administrators' to set.
 */
@Component
class AccessSetup {

  static final String MY_TASKS = "我的任务 My tasks";
  static final String MY_GROUPS_TASKS = "我的组任务 My groups' tasks";

  private static final Map<String, String> ROLES =
      Map.of(
          APPLICANTS, "申请人 Applicants",
          UNIT_HEADS, "单位负责人 Unit heads",
          FOREIGN_AFFAIRS_OFFICE, "外办 Foreign affairs office",
          FINANCE, "财政 Finance",
          LEADERSHIP, "分管领导 Leadership",
          AUDITORS, "纪检审计 Auditors");
  private static final List<String> TASKLIST_USERS =
      List.of(APPLICANTS, UNIT_HEADS, FOREIGN_AFFAIRS_OFFICE, FINANCE, LEADERSHIP);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  AccessSetup(
      IdentityService identityService,
      AuthorizationService authorizationService,
      FilterService filterService,
      TaskService taskService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  void setUp() {
    ROLES.forEach((id, name) -> ensureGroup(id, name, ROLE_TYPE));
    for (String group : TASKLIST_USERS) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, TripProcess.KEY, Permissions.READ);
    }
    grant(
        APPLICANTS,
        Resources.PROCESS_DEFINITION,
        TripProcess.KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(APPLICANTS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    // the foreign affairs office follows every trip in progress (Cockpit, /engine-rest), changing
    // nothing
    grant(FOREIGN_AFFAIRS_OFFICE, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(
        FOREIGN_AFFAIRS_OFFICE,
        Resources.PROCESS_DEFINITION,
        TripProcess.KEY,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(
        AUDITORS,
        Resources.PROCESS_DEFINITION,
        TripProcess.KEY,
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(AUDITORS, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    Filter mine =
        ensureFilter(
            MY_TASKS,
            taskService
                .createTaskQuery()
                .taskAssigneeExpression("${currentUser()}")
                .orderByDueDate()
                .asc(),
            -10);
    Filter groups =
        ensureFilter(
            MY_GROUPS_TASKS,
            taskService
                .createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .taskUnassigned()
                .orderByDueDate()
                .asc(),
            0);
    for (String group : TASKLIST_USERS) {
      grant(group, Resources.FILTER, mine.getId(), Permissions.READ);
      grant(group, Resources.FILTER, groups.getId(), Permissions.READ);
    }
    cutSelfGrantsToRead();
  }

  /**
   * Camunda gave every user ALL on their own user before ReadOnlyOwnUser: on a database from then,
   * a user could still change their own names and e-mail. Each such grant is cut to READ.
   */
  private void cutSelfGrantsToRead() {
    for (Authorization own :
        authorizationService
            .createAuthorizationQuery()
            .resourceType(Resources.USER)
            .authorizationType(AUTH_TYPE_GRANT)
            .list()) {
      boolean self = own.getUserId() != null && own.getUserId().equals(own.getResourceId());
      if (self
          && (own.isPermissionGranted(Permissions.UPDATE)
              || own.isPermissionGranted(Permissions.DELETE)
              || own.isPermissionGranted(Permissions.CREATE))) {
        own.setPermissions(new Permission[] {Permissions.READ});
        authorizationService.saveAuthorization(own);
      }
    }
  }

  void ensureGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  /**
   * Adds the permissions to the group's grant on the resource, creating the grant where missing.
   */
  private void grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization =
        authorizationService
            .createAuthorizationQuery()
            .groupIdIn(group)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(AUTH_TYPE_GRANT)
            .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }

  /**
   * The filter as defined here: created where missing, and brought up to this definition where an
   * earlier version created it (the ordering by due date came later). The filter's ordering comes
   * before the one Tasklist adds, so the most urgent task is first whatever Tasklist sorts by.
   */
  private Filter ensureFilter(String name, TaskQuery query, int priority) {
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    Filter filter = existing != null ? existing : filterService.newTaskFilter(name);
    filter
        .setQuery(query)
        .setProperties(
            Map.of(
                "priority",
                priority,
                "refresh",
                true,
                // the applicant, unit, countries and dates are in the task's name, in words
                // (TripTaskName): listed as variables they would show ids and codes
                "variables",
                List.of(Map.of("name", "approvalNumber", "label", "批件号 Approval number"))));
    return filterService.saveFilter(filter);
  }
}
