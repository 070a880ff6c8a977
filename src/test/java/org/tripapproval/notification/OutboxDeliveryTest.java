package org.tripapproval.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.audit.AuditTrail;

/**
 * A batch of messages over one SMTP connection: each message is marked as the mail sender says it
 * went, whichever of the sender's failures happens.
 */
class OutboxDeliveryTest {

  private final Outbox outbox = mock(Outbox.class);
  private final AuditTrail trail = mock(AuditTrail.class);
  private final List<OutboxMessage> batch = List.of(message(1), message(2), message(3));

  @Test
  void oneMessageRefusedBySmtpIsRetriedAndTheOthersOfItsBatchAreSent() {
    deliver(
        sent -> {
          Map<Object, Exception> failed = new HashMap<>();
          failed.put(sent[1], new MessagingException("550 mailbox unavailable"));
          return new MailSendException(failed);
        });

    verify(outbox).markSent(1);
    verify(outbox).markSent(3);
    verify(outbox, never()).markSent(2);
    verify(outbox).markFailed(eq(batch.get(1)), anyString());
    verify(trail, times(2)).append(any());
  }

  @Test
  void aServerThatCannotBeReachedLeavesTheWholeBatchForLater() {
    deliver(
        sent -> {
          Map<Object, Exception> failed = new HashMap<>();
          for (MimeMessage message : sent) {
            failed.put(message, new MessagingException("Couldn't connect to host"));
          }
          return new MailSendException("Mail server connection failed", null, failed);
        });

    verify(outbox, never()).markSent(anyLong());
    verify(outbox, times(3)).markFailed(any(), anyString());
    verify(trail, never()).append(any());
  }

  @Test
  void aConnectionThatDoesNotCloseAfterEveryMessageWentSendsNothingTwice() {
    deliver(
        sent ->
            new MailSendException(
                "Failed to close server connection after message sending",
                new MessagingException("421 closing")));

    verify(outbox).markSent(1);
    verify(outbox).markSent(2);
    verify(outbox).markSent(3);
    verify(outbox, never()).markFailed(any(), anyString());
  }

  /** One pass of delivery over the batch, the mail sender failing as given. */
  private void deliver(Function<MimeMessage[], MailSendException> failure) {
    when(outbox.claimDue(anyInt())).thenReturn(batch, List.of());
    JavaMailSenderImpl sender =
        new JavaMailSenderImpl() {
          @Override
          public void send(MimeMessage... messages) {
            assertThat(messages).hasSize(batch.size());
            throw failure.apply(messages);
          }
        };
    MailSettings settings =
        new MailSettings(
            "系统 <trips@trips.example>",
            "http://localhost:8080",
            "trips.example",
            false,
            0,
            3,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    new OutboxDelivery(
            outbox,
            sender,
            new TransactionTemplate(mock(PlatformTransactionManager.class)),
            settings,
            trail,
            Clock.systemUTC(),
            new ObjectMapper(),
            new SimpleMeterRegistry())
        .deliverDue();
  }

  private static OutboxMessage message(long id) {
    return new OutboxMessage(
        id,
        "<" + id + "@trips.example>",
        NotificationKind.TASK_ASSIGNED.name(),
        "trip-" + id,
        "li.na@trips.example",
        "待办 / To do",
        "<p>待办</p>",
        "待办",
        Outbox.PENDING,
        0,
        Instant.now(),
        null,
        Instant.now(),
        null);
  }
}
