package org.tripapproval.audit;

import java.util.HexFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The check code printed on an approval document (出国任务批件), and the seal over its stored record:
 * both under the trail's key ({@link ChainMac}), which lives outside the database. Whoever knows an
 * approval number (they are counted: 外办〔2026〕0001号, 0002号…) cannot derive its code, and whoever can
 * write the tables cannot make a replaced file's hash verify. See ADR 0019.
 */
@Component
public class DocumentSeals {

  /** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private static final int CODE_LENGTH = 12;

  private final ChainMac mac;

  DocumentSeals(ChainMac mac) {
    this.mac = mac;
  }

  /** {@code 7K3M-Q9TD-2XWA}: 60 bits of the MAC over the number and the document's revision. */
  public String checkCode(String approvalNumber, int revision) {
    byte[] bits =
        HexFormat.of()
            .parseHex(
                mac.sign(
                    String.join("\u001f", "approval-document", approvalNumber, "" + revision)));
    StringBuilder code = new StringBuilder();
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bits[i] & 0xff);
    }
    for (int i = 0; i < CODE_LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET.charAt((int) ((value >>> (64 - 5 * (i + 1))) & 31)));
    }
    return code.toString();
  }

  /** The seal of a stored document: its number, revision and content's SHA-256 belong together. */
  public String seal(String approvalNumber, int revision, String sha256) {
    return mac.sign(
        String.join("\u001f", "approval-document-seal", approvalNumber, "" + revision, sha256));
  }

  /**
   * A code as people type it, in the form {@link #checkCode} writes: case, spaces and dashes do not
   * matter, and O, I and L are read as 0, 1 and 1.
   */
  public static String normalized(String typed) {
    if (typed == null) {
      return "";
    }
    String plain =
        typed
            .toUpperCase(Locale.ROOT)
            .replaceAll("[\\s-]", "")
            .replace('O', '0')
            .replace('I', '1')
            .replace('L', '1');
    if (plain.length() != CODE_LENGTH) {
      return plain;
    }
    return plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8);
  }

  /** Constant time: a verifier must not tell how much of a guessed code was right. */
  public static boolean same(String a, String b) {
    return ChainMac.same(a, b);
  }
}
