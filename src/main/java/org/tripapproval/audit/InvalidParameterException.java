package org.tripapproval.audit;

/** A request parameter that cannot be used; answered with 400 naming the parameter. */
class InvalidParameterException extends RuntimeException {

  private final String parameter;

  InvalidParameterException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
