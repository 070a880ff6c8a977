package org.tripapproval.trip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text people typed is kept as text: any character is welcome (HTML and SQL included, shown as text
 * everywhere), except control characters other than line breaks and tabs, which no form produces
 * and which break exports, mail headers and logs.
 */
public final class PlainText {

  private static final Pattern CONTROL =
      Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]|[\\u2028\\u2029\\uFFFE\\uFFFF]");

  private PlainText() {}

  /** Every text field of the value that holds a control character, named as the API names it. */
  public static List<String> problems(Object value, ObjectMapper mapper) {
    List<String> problems = new ArrayList<>();
    if (value != null) {
      walk(mapper.valueToTree(value), "", problems);
    }
    return problems;
  }

  private static void walk(JsonNode node, String path, List<String> problems) {
    if (node.isTextual() && CONTROL.matcher(node.textValue()).find()) {
      problems.add(path + ": 含有不可见的控制字符 / contains control characters");
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", problems);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field :
          (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        walk(
            field.getValue(),
            path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
            problems);
      }
    }
  }
}
