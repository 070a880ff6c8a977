package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.Labelled;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.TripStatus;

/**
 * A domain word is written once, in its enum: no status or decision code as a string literal in the
 * main code, and no page or form with a label table of its own (they read /api/vocabulary).
 */
class VocabularyConventionsTest {

  private static final Set<String> ENUMS =
      Stream.of(TripStatus.class, ReportStatus.class, Decision.class, ReviewLevel.class)
          .map(type -> type.getSimpleName() + ".java")
          .collect(Collectors.toSet());

  @Test
  void noStatusOrDecisionIsSpelledOutsideItsEnum() throws IOException {
    Pattern literal =
        quoted(Stream.of(TripStatus.values(), ReportStatus.values(), Decision.values()));
    List<String> found = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      sources
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !ENUMS.contains(file.getFileName().toString()))
          .forEach(file -> find(file, literal, found));
    }
    assertThat(found).isEmpty();
  }

  @Test
  void pagesAndFormsHaveNoStatusListOrLabelTableOfTheirOwn() throws IOException {
    // a heading may name the status whose word it shows
    Pattern status =
        Pattern.compile(
            "(?<!data-trip-status=)"
                + quoted(Stream.of(TripStatus.values(), ReportStatus.values())));
    Pattern label =
        Pattern.compile(
            Stream.of(
                    TripStatus.values(),
                    ReportStatus.values(),
                    Decision.values(),
                    ReviewLevel.values())
                .flatMap(Arrays::stream)
                .map(word -> Pattern.quote(word.label()))
                .collect(Collectors.joining("|", "(?<!\\p{IsHan})(?:", ")(?![A-Za-z])")));
    List<String> found = new ArrayList<>();
    for (String folder : List.of("src/main/resources/static/audit", "forms")) {
      try (Stream<Path> files = Files.walk(Path.of(folder))) {
        files
            .filter(file -> file.toString().matches(".*\\.(js|html)$"))
            .filter(file -> !file.toString().contains("vendor"))
            .forEach(
                file -> {
                  find(file, status, found);
                  find(file, label, found);
                });
      }
    }
    assertThat(found).isEmpty();
  }

  private static Pattern quoted(Stream<Labelled[]> vocabularies) {
    return Pattern.compile(
        "[\"'](?:"
            + vocabularies
                .flatMap(Arrays::stream)
                .map(word -> Pattern.quote(word.code()))
                .collect(Collectors.joining("|"))
            + ")[\"']");
  }

  private static void find(Path file, Pattern pattern, List<String> found) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (pattern.matcher(lines.get(i)).find()) {
          found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
