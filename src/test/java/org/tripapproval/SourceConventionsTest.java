package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Habits of the code that the formatter cannot keep (CONVENTIONS.md): classes are imported, not
 * named in full inline; main code is injected through constructors.
 */
class SourceConventionsTest {

  /** A qualified name used in code: a lower-case package path ending in a capitalised class. */
  private static final Pattern QUALIFIED =
      Pattern.compile("(?<![\\w.\"])(?:java|javax|jakarta|org|com)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]");

  private static final Pattern FIELD_INJECTION = Pattern.compile("@Autowired\\s+(private\\s+)?\\w");

  @Test
  void classesAreImportedNotQualifiedInline() {
    List<String> found = new ArrayList<>();
    for (Path file : javaFiles("src/main/java", "src/test/java")) {
      List<String> lines = read(file);
      for (int i = 0; i < lines.size(); i++) {
        String code = codeOf(lines.get(i));
        if (QUALIFIED.matcher(code).find()) {
          found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(found).as("fully qualified class names inline").isEmpty();
  }

  @Test
  void mainCodeUsesConstructorInjection() {
    List<String> found = new ArrayList<>();
    for (Path file : javaFiles("src/main/java")) {
      String text = String.join("\n", read(file));
      if (FIELD_INJECTION.matcher(text).find()) {
        found.add(file.toString());
      }
    }
    assertThat(found).as("field injection").isEmpty();
  }

  @Test
  void theCheckFindsAQualifiedNameAndIgnoresImportsCommentsAndStrings() {
    assertThat(QUALIFIED.matcher(codeOf("    var list = new java.util.ArrayList<>();")).find())
        .isTrue();
    assertThat(QUALIFIED.matcher(codeOf("import java.util.ArrayList;")).find()).isFalse();
    assertThat(QUALIFIED.matcher(codeOf(" * {@link java.util.ArrayList}")).find()).isFalse();
    assertThat(QUALIFIED.matcher(codeOf("  String s = \"org.tripapproval.X\";")).find()).isFalse();
  }

  /** The line without import/package statements, comments and string literals. */
  private static String codeOf(String line) {
    String strip = line.strip();
    if (strip.startsWith("import ")
        || strip.startsWith("package ")
        || strip.startsWith("*")
        || strip.startsWith("//")
        || strip.startsWith("/*")) {
      return "";
    }
    String code = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    int comment = code.indexOf("//");
    return comment < 0 ? code : code.substring(0, comment);
  }

  private static List<Path> javaFiles(String... roots) {
    List<Path> files = new ArrayList<>();
    for (String root : roots) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
