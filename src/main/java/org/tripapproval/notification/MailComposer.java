package org.tripapproval.notification;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes a message in Simplified Chinese and English from templates/mail/notification.html and its
 * plain-text twin. Every value is inserted with th:text, so what users typed arrives as text.
 */
@Component
class MailComposer {

  private final TemplateEngine templates;
  private final MessageSource messages;

  MailComposer(TemplateEngine templates, MessageSource messages) {
    this.templates = templates;
    this.messages = messages;
  }

  RenderedMail compose(NotificationKind kind, MailModel model) {
    String action = text("mail." + kind + ".action", model);
    // a message about no single trip (a substitution that ended) has no trip line
    String about = model.trip() == null ? "" : model.trip().label() + " — ";
    String subject = ("[出国审批 Trip approval] " + about + action).replaceAll("\\p{Cntrl}", " ");
    Context context =
        new Context(
            Locale.ROOT,
            Map.of(
                "m", model,
                "subject", subject,
                "action", action,
                "bodyZh", text("mail." + kind + ".body.zh", model),
                "bodyEn", text("mail." + kind + ".body.en", model)));
    return new RenderedMail(
        subject,
        templates.process("mail/notification", context),
        templates.process("mail/notification.txt", context));
  }

  private String text(String key, MailModel model) {
    return messages.getMessage(
        key, new Object[] {model.detail() == null ? "" : model.detail()}, Locale.ROOT);
  }
}
