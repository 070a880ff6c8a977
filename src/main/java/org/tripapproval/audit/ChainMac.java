package org.tripapproval.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seal of each trail row: HMAC-SHA256 under a key that lives outside the database, so that
 * someone who can write the tables cannot recompute a chain that verifies. Rows written before the
 * key existed keep their plain SHA-256 hash ({@link #legacyHash}); see ADR 0010.
 */
final class ChainMac {

  static final int MIN_KEY_LENGTH = 32;

  private final SecretKeySpec key;

  ChainMac(String key) {
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "trips.audit.key (TRIPS_AUDIT_KEY) 须至少"
              + MIN_KEY_LENGTH
              + "个字符 / must have at least "
              + MIN_KEY_LENGTH
              + " characters");
    }
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The MAC of a row: it covers the previous row's MAC, so the rows form a chain. */
  String mac(String previous, long id, AuditTrail.Entry entry) {
    return sign(content(previous, id, entry));
  }

  /** Any text under the same key, e.g. a checkpoint line. */
  String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The scheme before the key (rows below audit_chain_head.keyed_from): anyone can recompute it.
   */
  static String legacyHash(String previous, long id, AuditTrail.Entry entry) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content(previous, id, entry).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Time as epoch milliseconds: the same on every node, whatever its zone. */
  private static String content(String previous, long id, AuditTrail.Entry entry) {
    return String.join(
        "\u001f",
        previous,
        Long.toString(id),
        String.valueOf(entry.processInstanceId()),
        entry.event(),
        String.valueOf(entry.actor()),
        Long.toString(entry.occurredAt().toEpochMilli()),
        entry.details());
  }

  /** Constant-time comparison, so a verifier does not leak how much of a forged MAC was right. */
  static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
