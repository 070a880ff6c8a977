package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.web.TaskInputs;

/**
 * The conventions of ../shared/CONVENTIONS.md, checked on every model so nobody has to remember
 * them.
 */
class ModelConventionsTest {

  private static final String MEANINGFUL_ID = "[a-z][a-zA-Z0-9]*";
  private static final String MODELER_DEFAULT =
      "(?i).*(Activity|Task|Gateway|Event|Flow|Process|Decision|Rule)_[0-9a-z]+";
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String SEND_NOTICE = "${sendNotice}";
  private static final String MESSAGE_OUTPUT = "message";

  /**
   * Default flows out of a gateway, each with the reason it is one. None today: every branch says
   * when it is taken, so a value nobody expected stops the process instead of choosing a way.
   */
  private static final Map<String, String> JUSTIFIED_DEFAULTS = Map.of();

  /**
   * The execution listeners a model may bind: bookkeeping a reader need not see as a step. A check
   * or a decision of the process is a task in the model, never a listener.
   */
  private static final Map<String, String> BOOKKEEPING_EXECUTION_LISTENERS =
      Map.of(
          "${tripRequestIntake}",
          "takes in the request a form submitted, or refuses it",
          "${requestNumbering}",
          "gives a submitted trip its request number, its business key",
          "${tripReportIntake}",
          "takes in the report a form submitted, or refuses it",
          "${decisionRecorder}",
          "records the decision a task's form submitted",
          SEND_NOTICE,
          "sends the notice the element names",
          "${reportSentBackRecorder}",
          "records the day a report went back to its applicant, from which its filing is due",
          "${tripChangeIntake}",
          "starts a change from the approved trip, takes in the change a form submitted, or refuses"
              + " it");

  /** The task listeners a model may bind. */
  private static final Map<String, String> BOOKKEEPING_TASK_LISTENERS =
      Map.of(
          "${decisionRecorder}", "declares the decision on its task and takes it in",
          "${tripTaskName}", "names the task after its trip's request number, for Tasklist's list",
          "${fourEyes}", "refuses a reviewer who is part of the trip");

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
      assertThat(TaskInputs.ALLOWED)
          .as("%s says which variables it sets", task.getId())
          .containsKey(task.getId());
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      // a process that only the application starts (isStartableInTasklist="false") has no form
      if (start.getParentElement() instanceof Process process
          && process.isCamundaStartableInTasklist()) {
        assertFormFollowsTheId(start.getId(), start.getCamundaFormKey());
        assertThat(TaskInputs.ALLOWED).containsKey(start.getId());
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
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      assertThat(
              task.getCamundaDecisionRef() != null || task.getCamundaDelegateExpression() != null)
          .as("%s evaluates a table or calls a delegate", task.getId())
          .isTrue();
      if (task.getCamundaDelegateExpression() != null) {
        assertThat(task.getCamundaDelegateExpression())
            .as(task.getId())
            .matches("\\$\\{[a-z][a-zA-Z]*\\}");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyGatewayBranchIsNamedAndHasAnExplicitConditionSoTheUnexpectedFails(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      for (SequenceFlow flow : gateway.getOutgoing()) {
        assertThat(flow.getName()).as(flow.getId()).isNotBlank();
        if (flow.equals(gateway.getDefault())) {
          assertThat(JUSTIFIED_DEFAULTS)
              .as("%s is a default flow: say why in JUSTIFIED_DEFAULTS", flow.getId())
              .containsKey(flow.getId());
          assertThat(flow.getName())
              .as("%s: an unexpected value never approves", flow.getId())
              .doesNotContainIgnoringCase("approv")
              .doesNotContainIgnoringCase("accept");
        } else {
          assertThat(flow.getConditionExpression())
              .as("%s has a condition", flow.getId())
              .isNotNull();
          assertThat(flow.getConditionExpression().getTextContent())
              .as("%s has a condition", flow.getId())
              .isNotBlank();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void listenersKeepBooksAndEveryCheckIsAVisibleTask(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (CamundaExecutionListener listener :
        model.getModelElementsByType(CamundaExecutionListener.class)) {
      assertThat(listener.getCamundaDelegateExpression())
          .as("execution listener on %s", ownerOf(listener).getAttributeValue("id"))
          .isIn(BOOKKEEPING_EXECUTION_LISTENERS.keySet());
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      assertThat(listener.getCamundaDelegateExpression())
          .as("task listener on %s", ownerOf(listener).getAttributeValue("id"))
          .isIn(BOOKKEEPING_TASK_LISTENERS.keySet());
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void theModelNamesTheNoticeOfEveryStepThatSendsOne(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
      if (property.getCamundaName().startsWith(ModelNotices.NOTICE)) {
        for (String kind : property.getCamundaValue().split(",")) {
          assertThat(NotificationKind.valueOf(kind.strip()))
              .as("%s names a kind of notification", property.getCamundaName())
              .isNotNull();
        }
      }
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (SEND_NOTICE.equals(task.getCamundaDelegateExpression())) {
        assertThat(noticesOf(task, ModelNotices.NOTICE)).as(task.getId()).isNotEmpty();
      }
    }
    for (CamundaExecutionListener listener :
        model.getModelElementsByType(CamundaExecutionListener.class)) {
      if (SEND_NOTICE.equals(listener.getCamundaDelegateExpression())) {
        BaseElement owner = ownerOf(listener);
        assertThat(noticesOf(owner, ModelNotices.on(listener.getCamundaEvent())))
            .as("%s says which notice its %s sends", owner.getId(), listener.getCamundaEvent())
            .isNotEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyBeanTheModelCallsExistsAndIsTheRightKind(Path file) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Map<String, Class<?>> beans = componentsByBeanName();
    for (Task task : model.getModelElementsByType(Task.class)) {
      String expression = task.getAttributeValueNs(CAMUNDA_NS, "delegateExpression");
      if (expression != null) {
        assertThat(beanOf(expression, beans)).as(task.getId()).isAssignableTo(JavaDelegate.class);
      }
    }
    for (CamundaExecutionListener listener :
        model.getModelElementsByType(CamundaExecutionListener.class)) {
      assertThat(beanOf(listener.getCamundaDelegateExpression(), beans))
          .isAssignableTo(ExecutionListener.class);
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      assertThat(beanOf(listener.getCamundaDelegateExpression(), beans))
          .isAssignableTo(TaskListener.class);
    }
    // beans whose methods the model calls: ${reviewRouting.candidateGroup(...)},
    // ${tripDeadlines...}
    Matcher calls = Pattern.compile("\\$\\{([a-z][a-zA-Z]*)\\.").matcher(Files.readString(file));
    while (calls.find()) {
      assertThat(beans).as("bean %s", calls.group(1)).containsKey(calls.group(1));
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

  @ParameterizedTest
  @MethodSource("dmnFiles")
  void aTableWithMessagesWritesEachLimitOnceInALimitsTableAndItsMessagesQuoteIt(Path file) {
    DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      List<Output> outputs = List.copyOf(table.getOutputs());
      int message = outputs.stream().map(Output::getName).toList().indexOf(MESSAGE_OUTPUT);
      if (message < 0) {
        continue;
      }
      for (Input input : table.getInputs()) {
        assertThat(numbersIn(input.getInputExpression().getText().getTextContent()))
            .as("input %s compares against a limit by name", input.getId())
            .isEmpty();
      }
      for (Rule rule : table.getRules()) {
        for (InputEntry entry : rule.getInputEntries()) {
          assertThat(numbersIn(entry.getText().getTextContent()))
              .as("%s compares against a limit by name", entry.getId())
              .isEmpty();
        }
        OutputEntry text = List.copyOf(rule.getOutputEntries()).get(message);
        assertThat(numbersIn(text.getText().getTextContent()))
            .as("%s quotes its limits, never repeats them", text.getId())
            .isEmpty();
      }
    }
  }

  @Test
  void everyIdThatCodeNamesIsInTheModel() throws Exception {
    List<BpmnModelInstance> models =
        bpmnFiles().map(path -> Bpmn.readModelFromFile(path.toFile())).toList();
    for (Field field : TripProcess.class.getFields()) {
      String id = (String) field.get(null);
      boolean named =
          models.stream()
              .anyMatch(
                  model ->
                      model.getModelElementById(id) != null
                          || model.getModelElementsByType(Message.class).stream()
                              .anyMatch(message -> id.equals(message.getName())));
      assertThat(named).as(field.getName()).isTrue();
    }
  }

  /**
   * Numbers written in an expression, also inside its quoted text; 0 (no difference) is no limit.
   */
  private static List<String> numbersIn(String expression) {
    Matcher numbers = Pattern.compile("(?<![A-Za-z_])\\d+(\\.\\d+)?").matcher(expression);
    List<String> found = new ArrayList<>();
    while (numbers.find()) {
      if (!numbers.group().equals("0")) {
        found.add(numbers.group());
      }
    }
    return found;
  }

  private static List<String> noticesOf(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return List.of();
    }
    return element
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaProperties.class)
        .list()
        .stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .toList();
  }

  /** The flow element a listener is bound to (its extension elements' parent). */
  private static BaseElement ownerOf(ModelElementInstance listener) {
    return (BaseElement) listener.getParentElement().getParentElement();
  }

  private static Class<?> beanOf(String expression, Map<String, Class<?>> beans) {
    Matcher name = Pattern.compile("\\$\\{([a-z][a-zA-Z]*)\\}").matcher(expression);
    assertThat(name.matches()).as("%s names a bean", expression).isTrue();
    assertThat(beans).as("bean %s", name.group(1)).containsKey(name.group(1));
    return beans.get(name.group(1));
  }

  /** The application's components by bean name, found as Spring finds them, without a context. */
  private static Map<String, Class<?>> componentsByBeanName() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Map<String, Class<?>> beans = new HashMap<>();
    for (BeanDefinition candidate :
        scanner.findCandidateComponents(TripApprovalApplication.class.getPackageName())) {
      beans.put(
          AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry),
          Class.forName(candidate.getBeanClassName()));
    }
    return beans;
  }

  private static void assertFormFollowsTheId(String id, String formKey) {
    String kebab = id.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    assertThat(formKey).as("form of %s", id).isEqualTo("embedded:app:forms/" + kebab + ".html");
    assertThat(Path.of("forms", kebab + ".html")).as("form file of %s", id).exists();
  }
}
