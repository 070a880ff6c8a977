package org.tripapproval.trip;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.tripapproval.refusal.Refusal;

/**
 * A submission that breaks the request's form rules. Extending the engine's form validation
 * exception makes the REST API and Tasklist answer 400 with the message, and the engine rolls back
 * so nothing is started or completed.
 */
public class InvalidSubmissionException extends FormFieldValidationException implements Refusal {

  private final List<String> problems;

  public InvalidSubmissionException(List<String> problems) {
    super(
        List.copyOf(problems),
        "请更正以下内容 / Please correct the following: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  @Override
  public int status() {
    return 400;
  }

  @Override
  public String type() {
    return "InvalidSubmission";
  }
}
