package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tripapproval.trip.TripProcess;

/**
 * The conventions of ../shared/CONVENTIONS.md, checked on every model so nobody has to remember
 * them.
 */
class ModelConventionsTest {

  private static final String MEANINGFUL_ID = "[a-z][a-zA-Z0-9]*";
  private static final String MODELER_DEFAULT =
      "(?i).*(Activity|Task|Gateway|Event|Flow|Process|Decision|Rule)_[0-9a-z]+";

  static Stream<Path> bpmnFiles() throws IOException {
    return Files.list(Path.of("bpmn")).filter(p -> p.toString().endsWith(".bpmn"));
  }

  static Stream<Path> dmnFiles() throws IOException {
    return Files.list(Path.of("bpmn")).filter(p -> p.toString().endsWith(".dmn"));
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void processIdMatchesTheFileNameAndTheRetentionIsASetting(Path file) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    assertThat(process.getId() + ".bpmn").isEqualTo(file.getFileName().toString());
    assertThat(process.getId()).matches("[a-z]+(-[a-z]+)*");
    assertThat(process.isExecutable()).isTrue();
    assertThat(Files.readString(file))
        .as("retention comes from camunda.bpm.generic-properties history-time-to-live")
        .doesNotContain("historyTimeToLive=");
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyElementHasAMeaningfulIdAndIsDrawn(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Collection<BaseElement> elements = model.getModelElementsByType(BaseElement.class);
    List<String> drawn =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(shape -> shape.getBpmnElement().getId())
            .toList();
    for (BaseElement element : elements) {
      if (element.getId() == null || element instanceof Process) {
        continue; // conditions and loops have no id; the process id is kebab-case, checked above
      }
      assertThat(element.getId())
          .as("id of %s", element.getElementType().getTypeName())
          .matches(MEANINGFUL_ID)
          .doesNotMatch(MODELER_DEFAULT);
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(drawn).as("%s has a shape in the diagram", node.getId()).contains(node.getId());
      assertThat(node.getName()).as("%s has a name", node.getId()).isNotBlank();
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyUserTaskHasItsOwnFormAndIsRoutedByGroupOrAssignee(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertFormFollowsTheId(task.getId(), task.getCamundaFormKey());
      assertThat(task.getCamundaCandidateGroups() != null || task.getCamundaAssignee() != null)
          .as("%s has candidate groups or an assignee", task.getId())
          .isTrue();
      assertThat(task.getCamundaCandidateUsers()).as("%s names no people", task.getId()).isNull();
      assertThat(org.tripapproval.web.TaskInputs.ALLOWED)
          .as("%s says which variables it sets", task.getId())
          .containsKey(task.getId());
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getParentElement() instanceof Process) {
        assertFormFollowsTheId(start.getId(), start.getCamundaFormKey());
        assertThat(org.tripapproval.web.TaskInputs.ALLOWED).containsKey(start.getId());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void codeIsBoundByDelegateExpressionsAndNeverByClassOrScript(Path file) throws IOException {
    String xml = Files.readString(file);
    assertThat(xml).doesNotContain("camunda:class=", "scriptFormat=", "<camunda:script");
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression())
          .as(task.getId())
          .matches("\\$\\{[a-z][a-zA-Z]*\\}");
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void gatewaysNameTheirBranchesAndHaveADefault(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      assertThat(gateway.getDefault()).as("%s has a default flow", gateway.getId()).isNotNull();
      gateway
          .getOutgoing()
          .forEach(flow -> assertThat(flow.getName()).as(flow.getId()).isNotBlank());
    }
  }

  @ParameterizedTest
  @MethodSource("dmnFiles")
  void decisionsHaveKebabCaseIdsAndParse(Path file) {
    DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      assertThat(decision.getId()).matches("[a-z]+(-[a-z]+)*");
      assertThat(decision.getCamundaHistoryTimeToLiveString()).isNull();
    }
    assertThat(
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .buildEngine()
                .parseDecisions(model))
        .isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void everyIdThatCodeNamesIsInTheModel() throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn/overseas-trip.bpmn").toFile());
    for (Field field : TripProcess.class.getFields()) {
      String id = (String) field.get(null);
      assertThat(model.getModelElementById(id) != null || id.equals(TripProcess.KEY))
          .as(field.getName())
          .isTrue();
    }
  }

  private static void assertFormFollowsTheId(String id, String formKey) {
    String kebab = id.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    assertThat(formKey).as("form of %s", id).isEqualTo("embedded:app:forms/" + kebab + ".html");
    assertThat(Path.of("forms", kebab + ".html")).as("form file of %s", id).exists();
  }
}
