package org.tripapproval.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.MailBody.Block;
import org.tripapproval.notification.MailBody.Value;
import org.tripapproval.notification.MailModel.Finding;
import org.tripapproval.notification.MailModel.Returned;
import org.tripapproval.trip.Severity;

/**
 * Writes a message from its texts (mail/notifications.properties: each sentence under a key ending
 * in {@code .zh} and one ending in {@code .en}) as HTML ({@link MailHtml}) with a plain-text twin:
 * every paragraph in Chinese, then the same in English. Values go in as text: what users typed
 * arrives as text.
 */
@Component
class MailComposer {

  private final MessageSource messages;

  MailComposer(MessageSource messages) {
    this.messages = messages;
  }

  RenderedMail compose(NotificationKind kind, MailModel model) {
    String key = "mail." + kind;
    String subjectZh = sentence(key + ".subject.zh", model.values());
    String subjectEn = sentence(key + ".subject.en", model.values());
    // the trip first, then what is new: the subject never says a thing twice in one language
    String about = model.trip() == null ? "" : model.trip().label() + " — ";
    String subject = (about + subjectZh + " / " + subjectEn).replaceAll("\\p{Cntrl}", " ");
    MailBody body = body(key, model);
    return new RenderedMail(
        subject,
        MailHtml.of(subject, subjectZh, subjectEn, model.trip(), body),
        text(subjectZh, subjectEn, model, body));
  }

  /** The paragraphs: greeting, news, why it came back (if it did), link, and who sent it. */
  MailBody body(String key, MailModel model) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(paragraph("mail.greeting", List.of(Value.kept(model.recipient()))));
    blocks.add(paragraph(key + ".body", model.values()));
    if (model.returned() != null) {
      blocks.addAll(returned(key, model.returned()));
    }
    if (model.trip() != null) {
      blocks.add(MailBody.facts());
    }
    if (model.link() != null) {
      blocks.add(MailBody.link(text("mail.link.zh"), text("mail.link.en"), model.link()));
    }
    blocks.add(paragraph("mail.footer", List.of()));
    return new MailBody(blocks);
  }

  private List<Block> returned(String key, Returned returned) {
    List<Block> blocks = new ArrayList<>();
    if (returned.by() != null && !returned.reason().isBlank()) {
      String said =
          key.equals("mail." + NotificationKind.REPORT_ACCEPTED)
              ? "mail.comment"
              : returned.level() == null ? "mail.reason" : "mail.reason.level";
      blocks.add(
          paragraph(
              said,
              List.of(
                  Value.kept(returned.by()),
                  Value.word(returned.level() == null ? Phrase.same("") : returned.level()))));
      blocks.add(MailBody.quote(returned.reason()));
    }
    if (!returned.findings().isEmpty()) {
      blocks.add(
          paragraph(
              returned.blocking() ? "mail.findings.blocking" : "mail.findings.notes", List.of()));
      List<Block> items = new ArrayList<>();
      for (Finding finding : returned.findings()) {
        items.add(
            paragraph(
                "mail.finding",
                List.of(
                    Value.word(finding.rule()),
                    Value.word(
                        Phrase.of(finding.blocking() ? Severity.BLOCKING : Severity.WARNING)),
                    Value.word(finding.message()))));
      }
      blocks.add(MailBody.list(items));
    }
    return blocks;
  }

  private Block paragraph(String key, List<Value> values) {
    return MailBody.paragraph(text(key + ".zh"), text(key + ".en"), values);
  }

  private String sentence(String key, List<Value> values) {
    boolean chinese = key.endsWith(".zh");
    StringBuilder sentence = new StringBuilder();
    MailBody.fill(text(key), values, chinese).forEach(s -> sentence.append(s.text()));
    return sentence.toString();
  }

  /** The pattern as written: without arguments the message source leaves {0} for us to fill. */
  private String text(String key) {
    return messages.getMessage(key, null, Locale.ROOT);
  }

  /** The plain-text alternative: the same blocks, a blank line after each. */
  private static String text(String subjectZh, String subjectEn, MailModel model, MailBody body) {
    StringBuilder text = new StringBuilder();
    text.append(subjectZh).append('\n').append(subjectEn).append("\n\n");
    for (Block block : body.blocks()) {
      switch (block.type()) {
        case PARAGRAPH -> text.append(block.zhText()).append('\n').append(block.enText());
        case QUOTE ->
            block.text().lines().forEach(line -> text.append("    ").append(line).append('\n'));
        case LIST -> {
          block.items().forEach(item -> text.append("- ").append(item.zhText()).append('\n'));
          block.items().forEach(item -> text.append("- ").append(item.enText()).append('\n'));
        }
        case LINK ->
            text.append(block.zhText())
                .append(" / ")
                .append(block.enText())
                .append(":\n")
                .append(block.text());
        case FACTS -> facts(model.trip(), text);
      }
      text.append(text.charAt(text.length() - 1) == '\n' ? "\n" : "\n\n");
    }
    return text.toString().stripTrailing() + "\n";
  }

  private static void facts(MailModel.TripSummary trip, StringBuilder text) {
    if (trip.requestNumber() != null) {
      text.append("申请编号 Request number: ").append(trip.requestNumber()).append('\n');
    }
    text.append("申请人 Applicant: ").append(trip.applicant()).append('\n');
    text.append("单位 Unit: ").append(trip.unit()).append('\n');
    text.append("日期 Dates: ").append(trip.dates()).append('\n');
    text.append("国家和地区 Countries: ").append(trip.countries()).append('\n');
    text.append("出访目的 Purpose: ").append(trip.purpose()).append('\n');
    if (trip.approvalNumber() != null) {
      text.append("批件号 Approval number: ").append(trip.approvalNumber()).append('\n');
    }
  }
}
