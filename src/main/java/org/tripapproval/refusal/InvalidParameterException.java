package org.tripapproval.refusal;

import java.util.Map;

/** A request parameter that cannot be used; answered with 400 naming the parameter. */
public class InvalidParameterException extends RuntimeException implements Refusal {

  private final String parameter;

  public InvalidParameterException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }

  @Override
  public int status() {
    return 400;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("parameter", parameter);
  }
}
