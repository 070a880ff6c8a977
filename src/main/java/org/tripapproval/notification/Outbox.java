package org.tripapproval.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox. {@link #add} runs in the caller's transaction, which for the process is
 * the engine's own: the message exists exactly when the state that caused it was committed.
 */
@Repository
public class Outbox {

  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";

  private static final String COLUMNS =
      "id, message_id, kind, process_instance_id, recipient, subject, body_html,"
          + " body_text, status, attempts, next_attempt_at, last_error, created_at, sent_at";
  private static final RowMapper<OutboxMessage> ROW = Outbox::map;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final MailSettings settings;

  Outbox(JdbcTemplate jdbc, Clock clock, MailSettings settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = settings;
  }

  void add(NotificationKind kind, String processInstanceId, String recipient, RenderedMail mail) {
    Timestamp now = Timestamp.from(clock.instant());
    String messageId = "<" + UUID.randomUUID() + "@" + settings.messageIdDomain() + ">";
    jdbc.update(
        "INSERT INTO notification_outbox (message_id, kind, process_instance_id, recipient, subject,"
            + " body_html, body_text, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        messageId,
        kind.name(),
        processInstanceId,
        recipient,
        mail.subject(),
        mail.html(),
        mail.text(),
        PENDING,
        now,
        now);
  }

  /** Due messages, locked for this transaction; other nodes skip them instead of waiting. */
  List<OutboxMessage> claimDue(int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM notification_outbox WHERE status = ? AND next_attempt_at <= ?"
            + " ORDER BY id FETCH FIRST "
            + limit
            + " ROWS ONLY FOR UPDATE SKIP LOCKED",
        ROW,
        PENDING,
        Timestamp.from(clock.instant()));
  }

  void markSent(long id) {
    jdbc.update(
        "UPDATE notification_outbox SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL"
            + " WHERE id = ?",
        SENT,
        Timestamp.from(clock.instant()),
        id);
  }

  void markFailed(OutboxMessage message, String error) {
    int attempts = message.attempts() + 1;
    boolean givingUp = attempts >= settings.maxAttempts();
    Instant next = clock.instant().plus(settings.backoffAfter(attempts));
    jdbc.update(
        "UPDATE notification_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        givingUp ? FAILED : PENDING,
        attempts,
        Timestamp.from(next),
        truncate(error),
        message.id());
  }

  public List<OutboxMessage> find(String status, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM notification_outbox WHERE status = ? ORDER BY id DESC FETCH FIRST "
            + limit
            + " ROWS ONLY",
        ROW,
        status);
  }

  /** How many messages have this status. */
  int count(String status) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM notification_outbox WHERE status = ?", Integer.class, status);
  }

  /** When the longest-waiting message was queued; null when none waits. */
  Instant oldestPending() {
    return instant(
        jdbc.queryForObject(
            "SELECT min(created_at) FROM notification_outbox WHERE status = ?",
            Timestamp.class,
            PENDING));
  }

  public List<OutboxMessage> forTrip(String processInstanceId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM notification_outbox WHERE process_instance_id = ? ORDER BY id",
        ROW,
        processInstanceId);
  }

  public Optional<OutboxMessage> byId(long id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM notification_outbox WHERE id = ?", ROW, id)
        .stream()
        .findFirst();
  }

  /** An administrator sends a message again: from now, with a fresh count of attempts. */
  public boolean retry(long id) {
    return jdbc.update(
            "UPDATE notification_outbox SET status = ?, attempts = 0, next_attempt_at = ? WHERE id = ?"
                + " AND status <> ?",
            PENDING,
            Timestamp.from(clock.instant()),
            id,
            SENT)
        == 1;
  }

  private static String truncate(String error) {
    String text = error == null ? "unknown error" : error;
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
    return new OutboxMessage(
        rs.getLong("id"),
        rs.getString("message_id"),
        rs.getString("kind"),
        rs.getString("process_instance_id"),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("body_html"),
        rs.getString("body_text"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("sent_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
