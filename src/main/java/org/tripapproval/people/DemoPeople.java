package org.tripapproval.people;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The demo units' personnel directory, loaded after the demo users (identity/DemoIdentities) where
 * trips.demo-data is true: the demo users with their employee numbers, and two officials called 王伟
 * in two units, so that a newcomer sees namesakes told apart.
 */
@Component
@ConditionalOnProperty(name = "trips.demo-data", havingValue = "true")
class DemoPeople {

  static final Map<String, String> FILES =
      Map.of(
          "commerce",
          """
          person_id,name,post,rank,principal_leader,user_id
          SW0001,赵敏,省商务厅 厅长,bureau,是,
          SW0002,李娜,省商务厅 副厅长,bureau,否,li.na
          SW0107,张伟,省商务厅 外经处 处长,division,否,zhang.wei
          SW0112,王伟,省商务厅 对外贸易处 副处长,division,否,
          SW0135,陈晓,省商务厅 外经处 科员(翻译),staff,否,
          """,
          "education",
          """
          person_id,name,post,rank,principal_leader,user_id
          JY0001,刘敏,省教育厅 厅长,bureau,是,
          JY0003,周强,省教育厅 副厅长,bureau,否,zhou.qiang
          JY0208,孙丽,省教育厅 国际合作处 处长,division,否,sun.li
          JY0231,王伟,省教育厅 国际合作处 科员,staff,否,
          """);

  private final Directory directory;

  DemoPeople(Directory directory) {
    this.directory = directory;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2) // after DemoIdentities: the units and users exist
  void loadDemoPeople() {
    FILES.forEach(
        (unit, csv) -> {
          if (directory.ofUnit(unit).isEmpty()) {
            try {
              directory.load(unit, csv, "demo");
            } catch (DataIntegrityViolationException loadedByAnotherNode) {
              // several nodes start at once: one of them loaded the unit
            }
          }
        });
  }
}
