package org.tripapproval.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.audit.AuditTrail;

/**
 * Delivers due messages from the outbox over SMTP, up to {@value #BATCH} in a transaction over one
 * connection. Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED, so several nodes never send
 * the same message in normal operation; a message that fails is retried with exponential backoff
 * and, after the last attempt, kept as FAILED with its error for an administrator, while the others
 * of its batch are sent. Delivery is at least once: when the database is lost between the SMTP
 * hand-over and the commit, the messages of that batch go again, each with the same Message-ID; so
 * do those a batch had sent when a reconnection in its middle fails to log in (the mail sender does
 * not say which went). The batch's rows stay locked while it is sent, at most the SMTP timeouts of
 * its messages.
 */
@Component
public class OutboxDelivery {

  private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

  /**
   * Jakarta Mail looks up its stream provider with a ServiceLoader, scanning every jar, several
   * times per message unless this property names it; MimeMessageHelper reads mime.types anew for
   * every message unless given a map. Both showed in the benchmark's profile (docs/performance.md).
   */
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  private static final FileTypeMap FILE_TYPES = fileTypes();

  /**
   * Messages per transaction and SMTP connection: one each cost a connection, a commit and a lock
   * on the trail's head per message (docs/performance.md).
   */
  public static final int BATCH = 20;

  static {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final Outbox outbox;
  private final JavaMailSenderImpl mailSender;
  private final TransactionTemplate transactions;
  private final MailSettings settings;
  private final AuditTrail trail;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final Counter delivered;
  private final Counter attemptsFailed;

  /** What the trail keeps of a message delivered. */
  private record Sent(String kind, long notification, String messageId) {}

  OutboxDelivery(
      Outbox outbox,
      JavaMailSenderImpl mailSender,
      TransactionTemplate transactions,
      MailSettings settings,
      AuditTrail trail,
      Clock clock,
      ObjectMapper mapper,
      MeterRegistry meters) {
    this.mapper = mapper;
    this.delivered =
        Counter.builder("trips.mail.delivered")
            .description("Mails this node handed to the SMTP server (已发送邮件)")
            .register(meters);
    this.attemptsFailed =
        Counter.builder("trips.mail.attempts.failed")
            .description("Delivery attempts of this node that failed (发送失败次数)")
            .register(meters);
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.transactions = transactions;
    this.settings = settings;
    this.trail = trail;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${trips.mail.delivery-interval}",
      fixedDelayString = "${trips.mail.delivery-interval}")
  public void deliverDue() {
    while (Boolean.TRUE.equals(transactions.execute(status -> deliverNext()))) {
      // the next batch, in a transaction of its own
    }
  }

  /** Whether there were due messages to deliver. */
  private boolean deliverNext() {
    List<OutboxMessage> due = outbox.claimDue(BATCH);
    Map<OutboxMessage, MimeMessage> written = new LinkedHashMap<>();
    for (OutboxMessage message : due) {
      try {
        written.put(message, mimeMessage(message));
      } catch (MessagingException | RuntimeException e) {
        failed(message, e); // this one cannot be written: the others go
      }
    }
    Map<MimeMessage, Exception> failures = send(written.values());
    written.forEach(
        (message, mime) -> {
          Exception failure = failures.get(mime);
          if (failure == null) {
            sent(message);
          } else {
            failed(message, failure);
          }
        });
    return !due.isEmpty();
  }

  /**
   * Sends over one connection; what failed, with why. The mail sender names each message that
   * failed (from the first one, when the server could not be reached); a failure to close the
   * connection after every message went names none, and then all of them were sent.
   */
  private Map<MimeMessage, Exception> send(Collection<MimeMessage> messages) {
    if (messages.isEmpty()) {
      return Map.of();
    }
    try {
      mailSender.send(messages.toArray(MimeMessage[]::new));
      return Map.of();
    } catch (MailSendException e) {
      Map<MimeMessage, Exception> failed = new IdentityHashMap<>();
      e.getFailedMessages()
          .forEach(
              (message, why) -> {
                if (message instanceof MimeMessage mime) {
                  failed.put(mime, why);
                }
              });
      if (failed.isEmpty()) {
        log.warn("Mail sent, but the SMTP connection did not close: {}", e.getMessage());
      }
      return failed;
    } catch (MailException e) {
      return all(messages, e);
    }
  }

  private static Map<MimeMessage, Exception> all(Collection<MimeMessage> messages, Exception why) {
    Map<MimeMessage, Exception> failed = new IdentityHashMap<>();
    messages.forEach(message -> failed.put(message, why));
    return failed;
  }

  private void sent(OutboxMessage message) {
    outbox.markSent(message.id());
    delivered.increment();
    try {
      trail.append(
          new AuditTrail.Entry(
              message.processInstanceId(),
              "notification.sent",
              null,
              clock.instant(),
              mapper.writeValueAsString(
                  new Sent(message.kind(), message.id(), message.messageId()))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record notification " + message.id(), e);
    }
  }

  private void failed(OutboxMessage message, Exception e) {
    log.warn(
        "Notification {} to {} not delivered (attempt {}): {}",
        message.id(),
        message.recipient(),
        message.attempts() + 1,
        e.getMessage());
    outbox.markFailed(message, e.getClass().getSimpleName() + ": " + e.getMessage());
    attemptsFailed.increment();
  }

  private static FileTypeMap fileTypes() {
    ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
    types.afterPropertiesSet();
    return types;
  }

  private MimeMessage mimeMessage(OutboxMessage message) throws MessagingException {
    MimeMessage mime =
        new MimeMessage(mailSender.getSession()) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader(
                "Message-ID",
                message.messageId()); // stable across retries: receivers can drop a duplicate
          }
        };
    MimeMessageHelper helper =
        new MimeMessageHelper(mime, true, "UTF-8") {
          @Override
          protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return FILE_TYPES;
          }
        };
    helper.setFrom(settings.from());
    helper.setTo(message.recipient());
    helper.setSubject(message.subject());
    helper.setText(message.bodyText(), message.bodyHtml());
    return mime;
  }
}
