package org.tripapproval.identity;

import static org.tripapproval.identity.RoleGroups.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo units and one user per role, so that a newcomer can walk a trip through every step (see
 * README). Only where trips.demo-data is true, which nothing sets by default: the demo profile
 * (application-demo.yaml) or TRIPS_DEMO_DATA=true asks for them.
 */
@Component
@ConditionalOnProperty(name = "trips.demo-data", havingValue = "true")
class DemoIdentities {

  static final String PASSWORD = "Trip-Demo-2026";

  /** Tasklist shows "first last": the Chinese name, then the role. */
  record DemoUser(String id, String lastName, String firstName, List<String> groups) {}

  static final List<DemoUser> USERS =
      List.of(
          new DemoUser("zhang.wei", "(applicant)", "张伟", List.of(APPLICANTS, "commerce")),
          new DemoUser(
              "li.na", "(unit head)", "李娜", List.of(UNIT_HEADS, unitHeads("commerce"), "commerce")),
          new DemoUser("sun.li", "(applicant)", "孙丽", List.of(APPLICANTS, "education")),
          new DemoUser(
              "zhou.qiang",
              "(unit head)",
              "周强",
              List.of(UNIT_HEADS, unitHeads("education"), "education")),
          new DemoUser("wang.fang", "(foreign affairs)", "王芳", List.of(FOREIGN_AFFAIRS_OFFICE)),
          new DemoUser("liu.yang", "(finance)", "刘洋", List.of(FINANCE)),
          new DemoUser("chen.jing", "(leadership)", "陈静", List.of(LEADERSHIP)),
          new DemoUser("zhao.lei", "(auditor)", "赵磊", List.of(AUDITORS)));

  private final IdentityService identityService;
  private final AccessSetup access;

  DemoIdentities(IdentityService identityService, AccessSetup access) {
    this.identityService = identityService;
    this.access = access;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1) // after AccessSetup: the role groups exist with their names
  void createDemoIdentities() {
    access.ensureGroup("commerce", "省商务厅 Department of Commerce", UNIT_TYPE);
    access.ensureGroup("education", "省教育厅 Department of Education", UNIT_TYPE);
    access.ensureGroup(unitHeads("commerce"), "商务厅负责人 Heads of Commerce", ROLE_TYPE);
    access.ensureGroup(unitHeads("education"), "教育厅负责人 Heads of Education", ROLE_TYPE);
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      User user = identityService.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@trips.example");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      for (String group : demo.groups()) {
        access.ensureGroup(group, group, ROLE_TYPE);
        identityService.createMembership(demo.id(), group);
      }
    }
  }
}
