package org.tripapproval.notification;

import java.util.List;
import org.springframework.web.util.HtmlUtils;
import org.tripapproval.notification.MailBody.Block;
import org.tripapproval.notification.MailBody.Segment;
import org.tripapproval.notification.MailModel.TripSummary;

/**
 * A message's blocks laid out as HTML for a phone's or a desktop's mail reader: each paragraph once
 * in Chinese ({@code lang="zh-CN"}), then in English ({@code lang="en"}); names and numbers marked
 * {@code translate="no"}; what a reviewer typed quoted once, as typed. Every value is escaped as
 * text. Written directly rather than through a template engine: laying out each mail with Thymeleaf
 * took about 6 % of a busy node's CPU (docs/performance.md).
 */
final class MailHtml {

  private static final String FONT =
      "font-family: 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', Arial, sans-serif;";

  private final StringBuilder html = new StringBuilder(4096);

  private MailHtml() {}

  static String of(
      String subject, String subjectZh, String subjectEn, TripSummary trip, MailBody body) {
    MailHtml out = new MailHtml();
    out.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .text(subject)
        .raw("</title>\n</head>\n<body style=\"")
        .raw(FONT)
        .raw(
            " color: #222; max-width: 640px; margin: 0 auto; padding: 8px; line-height: 1.6;"
                + " overflow-wrap: anywhere\">\n")
        .raw("<h2 lang=\"zh-CN\" style=\"font-size: 18px; margin: 0\">")
        .text(subjectZh)
        .raw("</h2>\n<div lang=\"en\" style=\"font-size: 15px; color: #555; margin-bottom: 12px\">")
        .text(subjectEn)
        .raw("</div>\n");
    for (Block block : body.blocks()) {
      switch (block.type()) {
        case PARAGRAPH -> out.paragraph(block);
        case QUOTE ->
            out.raw(
                    "<blockquote translate=\"no\" style=\"margin: 4px 0 12px; padding: 6px 12px;"
                        + " border-left: 4px solid #c8102e; background: #fbf3f3;"
                        + " white-space: pre-wrap\">")
                .text(block.text())
                .raw("</blockquote>\n");
        case LIST -> out.list(block.items());
        case FACTS -> out.facts(trip);
        case LINK -> out.link(block);
      }
    }
    return out.raw("</body>\n</html>\n").html.toString();
  }

  private void paragraph(Block block) {
    raw("<p lang=\"zh-CN\" style=\"margin: 12px 0 2px\">").segments(block.zh()).raw("</p>\n");
    raw("<p lang=\"en\" style=\"margin: 0 0 12px; color: #444\">")
        .segments(block.en())
        .raw("</p>\n");
  }

  private void list(List<Block> items) {
    raw("<ul lang=\"zh-CN\" style=\"margin: 4px 0; padding-left: 20px\">\n");
    items.forEach(item -> raw("<li>").segments(item.zh()).raw("</li>\n"));
    raw("</ul>\n<ul lang=\"en\" style=\"margin: 4px 0 12px; padding-left: 20px; color: #444\">\n");
    items.forEach(item -> raw("<li>").segments(item.en()).raw("</li>\n"));
    raw("</ul>\n");
  }

  private void facts(TripSummary trip) {
    raw("<table style=\"border-collapse: collapse; margin: 12px 0; font-size: 14px\"")
        .raw(" cellpadding=\"4\">\n");
    if (trip.requestNumber() != null) {
      fact("申请编号 Request number", trip.requestNumber(), " translate=\"no\"");
    }
    fact("申请人 Applicant", trip.applicant(), " translate=\"no\"");
    fact("单位 Unit", trip.unit(), "");
    fact("日期 Dates", trip.dates(), "");
    fact("国家和地区 Countries", trip.countries(), "");
    fact("出访目的 Purpose", trip.purpose(), " translate=\"no\" style=\"white-space: pre-wrap\"");
    if (trip.approvalNumber() != null) {
      fact("批件号 Approval number", trip.approvalNumber(), " translate=\"no\"");
    }
    raw("</table>\n");
  }

  private void fact(String label, String value, String cell) {
    raw("<tr><th align=\"left\" valign=\"top\">")
        .text(label)
        .raw("</th><td")
        .raw(cell)
        .raw(">")
        .text(value)
        .raw("</td></tr>\n");
  }

  private void link(Block block) {
    String open =
        "<a href=\"" + escape(block.text()) + "\" target=\"_blank\" rel=\"noopener noreferrer\">";
    raw("<p lang=\"zh-CN\" style=\"margin: 12px 0 2px\">")
        .raw(open)
        .text(block.zhText())
        .raw("</a></p>\n");
    raw("<p lang=\"en\" style=\"margin: 0 0 12px\">")
        .raw(open)
        .text(block.enText())
        .raw("</a></p>\n");
  }

  private MailHtml segments(List<Segment> segments) {
    for (Segment segment : segments) {
      if (segment.kept()) {
        raw("<span translate=\"no\">").text(segment.text()).raw("</span>");
      } else {
        text(segment.text());
      }
    }
    return this;
  }

  private MailHtml raw(String markup) {
    html.append(markup);
    return this;
  }

  private MailHtml text(String text) {
    html.append(escape(text));
    return this;
  }

  /**
   * Text and attribute values: &lt;, &gt;, &amp;, &quot; and &#39; escaped; other characters as
   * they are.
   */
  private static String escape(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
