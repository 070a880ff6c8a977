package org.tripapproval.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mail says, block by block, before it is laid out as HTML and as plain text: each paragraph
 * once in Chinese and once in English, never the two mixed; a reason as its reviewer typed it; a
 * list of findings, in each language.
 */
record MailBody(List<Block> blocks) {

  /**
   * A stretch of a sentence; {@code kept} marks a name, a number or a code, which reads the same in
   * either language (HTML marks it {@code translate="no"}).
   */
  record Segment(String text, boolean kept) {}

  /** A value put into a sentence: a word of each language, or a name kept as written. */
  record Value(Phrase phrase, boolean kept) {

    static Value word(Phrase phrase) {
      return new Value(phrase, false);
    }

    static Value kept(String text) {
      return new Value(Phrase.same(text == null ? "" : text), true);
    }
  }

  /** What a block is: its layout in HTML and text follows. */
  enum Type {
    PARAGRAPH,
    /** What a person typed (a reason), shown once, as typed. */
    QUOTE,
    /** Findings: {@code items}, as a list in Chinese, then the same list in English. */
    LIST,
    /** A link, named in each language. */
    LINK,
    /** The trip's facts: request number, applicant, unit, dates, countries; labels in both. */
    FACTS
  }

  record Block(Type type, List<Segment> zh, List<Segment> en, String text, List<Block> items) {

    /** The whole sentence in one language, for the plain text. */
    public String zhText() {
      return join(zh);
    }

    public String enText() {
      return join(en);
    }

    private static String join(List<Segment> segments) {
      StringBuilder text = new StringBuilder();
      segments.forEach(s -> text.append(s.text()));
      return text.toString();
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

  static Block paragraph(String zhPattern, String enPattern, List<Value> values) {
    return new Block(
        Type.PARAGRAPH, fill(zhPattern, values, true), fill(enPattern, values, false), null, null);
  }

  static Block quote(String text) {
    return new Block(Type.QUOTE, List.of(), List.of(), text, null);
  }

  static Block list(List<Block> items) {
    return new Block(Type.LIST, List.of(), List.of(), null, items);
  }

  static Block facts() {
    return new Block(Type.FACTS, List.of(), List.of(), null, null);
  }

  static Block link(String zh, String en, String href) {
    return new Block(
        Type.LINK, List.of(new Segment(zh, false)), List.of(new Segment(en, false)), href, null);
  }

  /**
   * The sentence of a pattern ("{0}，您好：") with its values in; a value's Chinese in a Chinese
   * sentence, its English in an English one.
   */
  static List<Segment> fill(String pattern, List<Value> values, boolean chinese) {
    List<Segment> segments = new ArrayList<>();
    Matcher placeholder = PLACEHOLDER.matcher(pattern);
    int at = 0;
    while (placeholder.find()) {
      if (placeholder.start() > at) {
        segments.add(new Segment(pattern.substring(at, placeholder.start()), false));
      }
      Value value = values.get(Integer.parseInt(placeholder.group(1)));
      String text = chinese ? value.phrase().zh() : value.phrase().en();
      if (!text.isEmpty()) {
        segments.add(new Segment(text, value.kept()));
      }
      at = placeholder.end();
    }
    if (at < pattern.length()) {
      segments.add(new Segment(pattern.substring(at), false));
    }
    return segments;
  }
}
