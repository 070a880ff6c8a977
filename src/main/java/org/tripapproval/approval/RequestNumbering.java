package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.REQUEST_NUMBER;
import static org.tripapproval.trip.TripVariables.UNIT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.tripapproval.identity.Units;

/**
 * On submission, after the intake accepted the request: the trip's request number, as the process
 * instance's business key (Tasklist, Cockpit) and as a variable (forms, mail, registry). A client's
 * business key is replaced; a revision keeps the number, as this runs at the start only.
 */
@Component("requestNumbering")
class RequestNumbering implements ExecutionListener {

  private final RequestNumbers numbers;
  private final Units units;

  RequestNumbering(RequestNumbers numbers, Units units) {
    this.numbers = numbers;
    this.units = units;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String unit = (String) execution.getVariable(UNIT);
    String number = numbers.assign(execution.getProcessInstanceId(), unit, units.shortName(unit));
    execution.setProcessBusinessKey(number);
    execution.setVariable(REQUEST_NUMBER, number);
  }
}
