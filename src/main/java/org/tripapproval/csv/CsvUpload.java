package org.tripapproval.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tripapproval.refusal.Refusal;

/**
 * A CSV file an administrator uploads (the annual plan, the working-day calendar): read whole,
 * every wrong line named, and refused as a whole ({@link InvalidCsvException}, a {@link Refusal}
 * answered 400) so that nothing of a bad file is stored.
 */
public final class CsvUpload {

  /** Every line of a file that cannot be loaded, as "line N: field: problem". */
  public static class InvalidCsvException extends RuntimeException implements Refusal {
    private final List<String> errors;

    public InvalidCsvException(List<String> errors) {
      super(String.join("; ", errors));
      this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
      return errors;
    }

    @Override
    public int status() {
      return 400;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("parameter", "csv", "errors", errors);
    }
  }

  /** One line of the file: its fields by column, and where its problems go. */
  public static final class Line {
    private final CSVRecord record;
    private final List<String> problems = new ArrayList<>();

    private Line(CSVRecord record) {
      this.record = record;
    }

    /** The header is line 1. */
    public long number() {
      return record.getRecordNumber() + 1;
    }

    public String get(String column) {
      return record.get(column);
    }

    public void problem(String field, String message) {
      problems.add("line " + number() + ": " + field + ": " + message);
    }
  }

  private CsvUpload() {}

  /**
   * Reads the lines after a header that must be exactly {@code columns}; {@code row} turns a line
   * into a value or notes its problems. Throws with every problem of the file, or returns the
   * values.
   */
  public static <T> List<T> read(String csv, List<String> columns, Function<Line, T> row) {
    List<String> errors = new ArrayList<>();
    List<T> values = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .get()
            .parse(new StringReader(csv == null ? "" : csv.replace("\uFEFF", "")))) {
      if (!parser.getHeaderNames().equals(columns)) {
        throw new InvalidCsvException(
            List.of(
                "line 1: 列须为 "
                    + columns
                    + " / the columns must be "
                    + columns
                    + ", not "
                    + parser.getHeaderNames()));
      }
      for (CSVRecord record : parser) {
        Line line = new Line(record);
        if (!record.isConsistent()) {
          errors.add(
              "line "
                  + line.number()
                  + ": 须有"
                  + columns.size()
                  + "列 / must have "
                  + columns.size()
                  + " columns");
          continue;
        }
        T value = row.apply(line);
        errors.addAll(line.problems);
        if (line.problems.isEmpty()) {
          values.add(value);
        }
      }
    } catch (IOException
        | UncheckedIOException
        | IllegalArgumentException
        | IllegalStateException malformed) {
      errors.add("line 1: 不是有效的CSV / is not valid CSV: " + malformed.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new InvalidCsvException(errors);
    }
    return values;
  }
}
