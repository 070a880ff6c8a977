package org.tripapproval.audit;

/** One CSV line (RFC 4180); a cell that a spreadsheet would run as a formula is prefixed with '. */
final class Csv {

  private Csv() {}

  static String line(String... cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(cells[i]));
    }
    return line.append("\r\n").toString();
  }

  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe =
        !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
    return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
