package org.tripapproval.notification;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The notices a step of the model sends, as the model names them: an extension property ({@code
 * camunda:property}) on the element, whose value lists {@link NotificationKind}s, e.g. {@code
 * notice = REPORT_OVERDUE, REPORT_OVERDUE_ESCALATION} on a service task, {@code notice.start} and
 * {@code notice.end} on an event a listener watches, {@code notice.approve} on a decision task. The
 * code that runs there passes them to {@link Notifications}; it never chooses by activity id.
 */
public final class ModelNotices {

  /** The property of a step whose work is the notice (a service task). */
  public static final String NOTICE = "notice";

  private ModelNotices() {}

  /** The property for an event on an element: {@code notice.start}, {@code notice.approve}. */
  public static String on(String event) {
    return NOTICE + "." + event;
  }

  /** The kinds that the element's property names, in order; none when it has no such property. */
  public static List<NotificationKind> named(ModelElementInstance element, String property) {
    if (!(element instanceof BaseElement base)) {
      return List.of();
    }
    ExtensionElements extensions = base.getExtensionElements();
    if (extensions == null) {
      return List.of();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(p -> property.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .flatMap(value -> parse(value).stream())
        .toList();
  }

  /** "A, B" as kinds; an unknown name fails, so a typo in the model does not go unnoticed. */
  static List<NotificationKind> parse(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .map(NotificationKind::valueOf)
        .toList();
  }
}
