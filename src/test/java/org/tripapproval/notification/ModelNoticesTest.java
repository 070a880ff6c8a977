package org.tripapproval.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** The notices a model names on its elements, read without the engine. */
class ModelNoticesTest {

  private static final BpmnModelInstance MODEL =
      Bpmn.readModelFromStream(
          new ByteArrayInputStream(
              """
              <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions"
                  targetNamespace="https://tripapproval.org/bpmn">
                <bpmn:process id="notices" isExecutable="true">
                  <bpmn:serviceTask id="escalate" camunda:delegateExpression="${sendNotice}">
                    <bpmn:extensionElements>
                      <camunda:properties>
                        <camunda:property name="notice"
                            value="REPORT_OVERDUE, REPORT_OVERDUE_ESCALATION" />
                        <camunda:property name="notice.end" value="TRIP_CLOSED_SOMEHOW" />
                      </camunda:properties>
                    </bpmn:extensionElements>
                  </bpmn:serviceTask>
                  <bpmn:userTask id="silent" />
                </bpmn:process>
              </bpmn:definitions>
              """
                  .getBytes(StandardCharsets.UTF_8)));

  @Test
  void readsTheKindsAnElementNamesInTheirOrder() {
    assertThat(ModelNotices.named(MODEL.getModelElementById("escalate"), ModelNotices.NOTICE))
        .containsExactly(
            NotificationKind.REPORT_OVERDUE, NotificationKind.REPORT_OVERDUE_ESCALATION);
  }

  @Test
  void anElementWithoutThePropertySendsNothing() {
    assertThat(ModelNotices.named(MODEL.getModelElementById("silent"), ModelNotices.on("create")))
        .isEmpty();
    assertThat(ModelNotices.named(MODEL.getModelElementById("escalate"), ModelNotices.on("start")))
        .isEmpty();
  }

  @Test
  void aKindThatDoesNotExistFailsInsteadOfSendingNothing() {
    assertThatThrownBy(
            () -> ModelNotices.named(MODEL.getModelElementById("escalate"), ModelNotices.on("end")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TRIP_CLOSED_SOMEHOW");
  }
}
