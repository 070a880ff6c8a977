package org.tripapproval.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.TripStatus;

/** The auditors' search: every parameter checked before anything reaches the database. */
record TripFilter(
    String requestNumber,
    String unit,
    String applicant,
    String member,
    String person,
    String country,
    LocalDate from,
    LocalDate to,
    String status,
    String finding,
    Boolean overdueReport,
    int page,
    int size) {

  static final int MAX_PAGE_SIZE = 200;
  private static final Set<String> PARAMETERS =
      Set.of(
          "requestNumber",
          "unit",
          "applicant",
          "member",
          "person",
          "country",
          "from",
          "to",
          "status",
          "finding",
          "overdueReport",
          "page",
          "size");

  static TripFilter parse(Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new InvalidParameterException(name, "未知参数 / unknown parameter; use " + PARAMETERS);
      }
    }
    LocalDate from = date(parameters, "from");
    LocalDate to = date(parameters, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidParameterException("to", "早于 from / is before from");
    }
    String status = parameters.get("status");
    if (status != null && Labels.find(TripStatus.class, status).isEmpty()) {
      throw new InvalidParameterException(
          "status", "须为 must be one of " + Labels.codes(TripStatus.class));
    }
    String overdue = parameters.get("overdueReport");
    if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
      throw new InvalidParameterException(
          "overdueReport", "须为 true 或 false / must be true or false");
    }
    return new TripFilter(
        requestNumber(parameters),
        text(parameters, "unit", "[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}"),
        text(parameters, "applicant", "[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}"),
        text(parameters, "member", "[^\\p{Cntrl}]{1,100}"),
        text(parameters, "person", "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}"),
        text(parameters, "country", "[A-Z]{2}"),
        from,
        to,
        status,
        text(parameters, "finding", "[a-z]{1,40}"),
        overdue == null ? null : Boolean.valueOf(overdue),
        number(parameters, "page", 0, 0, 1_000_000),
        number(parameters, "size", 50, 1, MAX_PAGE_SIZE));
  }

  /** A request number as {@code RequestNumbers} writes them: short name, year, sequence. */
  private static String requestNumber(Map<String, String> parameters) {
    String value = parameters.get("requestNumber");
    if (value == null) {
      return null;
    }
    String number = value.strip();
    if (!number.matches("[^\\p{Cntrl}\\p{Z}\\s]{1,40}-\\d{4}-\\d{4,9}")) {
      throw new InvalidParameterException(
          "requestNumber",
          "须为申请编号,如 省商务厅-2026-0012 / must be a request number such as 省商务厅-2026-0012");
    }
    return number;
  }

  private static String text(Map<String, String> parameters, String name, String pattern) {
    String value = parameters.get(name);
    if (value == null) {
      return null;
    }
    if (!value.matches(pattern)) {
      throw new InvalidParameterException(name, "格式不正确 / is malformed");
    }
    return value;
  }

  static LocalDate date(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(name, "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD");
    }
  }

  static int number(Map<String, String> parameters, String name, int fallback, int min, int max) {
    String value = parameters.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number < min || number > max) {
        throw new InvalidParameterException(
            name, "须在" + min + "到" + max + "之间 / must be between " + min + " and " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "须为整数 / must be a whole number");
    }
  }
}
