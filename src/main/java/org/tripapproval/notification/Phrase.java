package org.tripapproval.notification;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tripapproval.trip.Labelled;

/**
 * One thing said twice, in Simplified Chinese and in English, so that each paragraph of a mail can
 * stay in one language. Names and numbers are the same in both.
 */
record Phrase(String zh, String en) {

  static Phrase same(String text) {
    return new Phrase(text, text);
  }

  static Phrase of(Labelled word) {
    return new Phrase(word.zh(), word.en());
  }

  /**
   * The two halves of a name the directory or the model writes in both languages: "Review trip
   * request 审核出国申请", "省商务厅 Department of Commerce", "中文 / English". The words with a Chinese
   * character are the Chinese, the others the English; a name in one script only is both.
   */
  static Phrase split(String bilingual) {
    if (bilingual == null) {
      return same("");
    }
    int slash = bilingual.indexOf(" / ");
    if (slash > 0 && hasHan(bilingual.substring(0, slash)) != hasHan(bilingual.substring(slash))) {
      String first = bilingual.substring(0, slash).strip();
      String second = bilingual.substring(slash + 3).strip();
      return hasHan(first) ? new Phrase(first, second) : new Phrase(second, first);
    }
    String[] words = bilingual.strip().split("\\s+");
    String zh = Arrays.stream(words).filter(Phrase::hasHan).collect(Collectors.joining(""));
    String en = Arrays.stream(words).filter(w -> !hasHan(w)).collect(Collectors.joining(" "));
    if (zh.isEmpty() || en.isEmpty()) {
      return same(bilingual.strip());
    }
    return new Phrase(zh, en);
  }

  /**
   * A person as a sentence names them: the Chinese words of the name where it has any (李娜 of "李娜
   * (unit head)", 张伟 of "张 伟"), else the name as written; the same in both languages.
   */
  static Phrase person(String name) {
    if (name == null) {
      return same("");
    }
    String han =
        Arrays.stream(name.strip().split("\\s+"))
            .filter(Phrase::hasHan)
            .collect(Collectors.joining(""));
    return same(han.isEmpty() ? name.strip() : han);
  }

  static boolean hasHan(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
