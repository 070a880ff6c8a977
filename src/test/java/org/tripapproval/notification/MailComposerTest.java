package org.tripapproval.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.tripapproval.notification.MailBody.Value;
import org.tripapproval.notification.MailModel.Finding;
import org.tripapproval.notification.MailModel.Returned;
import org.tripapproval.notification.MailModel.TripSummary;
import org.tripapproval.trip.ReviewLevel;
import org.tripapproval.trip.RuleName;

/**
 * Every kind of mail as people read it: each paragraph in one language, Chinese first, names in
 * words; subjects that name the trip once and the news once; a request sent back says why.
 */
class MailComposerTest {

  static final String NUMBER = "省商务厅-2026-0007";
  static final TripSummary TRIP =
      new TripSummary(
          NUMBER + " · 2026-06-10 · 日本、韩国",
          NUMBER,
          "张伟",
          "省商务厅 Department of Commerce",
          "2026-06-10 — 2026-06-15",
          "日本 Japan、韩国 South Korea",
          "与东京都厅商谈友好省州合作备忘录 <b>并签署</b>",
          null);
  static final List<Finding> FINDINGS =
      List.of(
          new Finding(
              Phrase.of(RuleName.SIZE),
              Phrase.split(
                  "团组7人,超过6人(含翻译) / The delegation has 7 members, more than 6 (interpreter included)"),
              true),
          new Finding(
              Phrase.of(RuleName.COUNTRIES),
              Phrase.split(
                  "出访4个国家和地区(JP, KR, TH, SG),超过3个 / 4 countries and regions (JP, KR, TH, SG), more than 3"),
              true),
          new Finding(
              Phrase.of(RuleName.TASKS),
              Phrase.split(
                  "公务活动天数不足行程的三分之二 / Official activities cover less than two thirds of the days"),
              false));

  final MailComposer composer = new MailComposer(messages());

  /** Each kind as Notifications fills it. */
  static Map<NotificationKind, MailModel> everyKind() {
    Map<NotificationKind, MailModel> models = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      List<Value> values = new ArrayList<>();
      Returned returned = null;
      switch (kind) {
        case TASK_ASSIGNED -> values.add(Value.word(Phrase.split("Review trip request 审核出国申请")));
        case REVIEW_APPROVED -> {
          values.add(Value.word(Phrase.of(ReviewLevel.FINANCE)));
          values.add(Value.kept("刘洋"));
        }
        case TRIP_SENT_BACK ->
            returned =
                new Returned(
                    "李娜", Phrase.of(ReviewLevel.UNIT_HEAD), "请补充会谈议题", FINDINGS.subList(2, 3));
        case TRIP_REJECTED ->
            returned =
                new Returned("王芳", Phrase.of(ReviewLevel.FOREIGN_AFFAIRS), "与年度计划不符", List.of());
        case TRIP_APPROVED, TRIP_CHANGE_APPROVED -> {
          values.add(Value.kept("外办〔2026〕0001号"));
          values.add(Value.kept("http://localhost:8080/trips/"));
        }
        case REVIEW_OVERDUE_ESCALATION -> values.add(Value.kept("5"));
        case REPORT_ACCEPTED -> returned = new Returned("王芳", null, "报告内容翔实", List.of());
        case REPORT_SENT_BACK -> returned = new Returned("王芳", null, "请补充经费使用情况", List.of());
        case PASSPORT_DUE_SOON, PASSPORT_OVERDUE_ESCALATION -> {
          values.add(Value.kept("周强"));
          values.add(Value.kept("SE0003001"));
          values.add(Value.word(new Phrase("2027年1月12日", "12 January 2027")));
          values.add(Value.kept("JY-2026-0042"));
        }
        case TRIP_CHANGE_SENT_BACK ->
            returned =
                new Returned("王芳", Phrase.of(ReviewLevel.FOREIGN_AFFAIRS), "请说明新增会谈对象", List.of());
        case TRIP_CHANGE_REFUSED ->
            returned = new Returned("刘洋", Phrase.of(ReviewLevel.FINANCE), "超出年度预算", List.of());
        case SUBSTITUTION_ENDED ->
            values.addAll(
                List.of(
                    Value.kept("李娜"),
                    Value.kept("周强"),
                    Value.word(NoticeDetails.date("2026-12-10")),
                    Value.word(NoticeDetails.date("2026-12-20")),
                    Value.word(new Phrase("已到期", "is over")),
                    Value.kept("2")));
        case CALENDAR_MISSING ->
            values.addAll(
                List.of(Value.kept("2027"), Value.kept("http://localhost:8080/api/calendar/2027")));
        default -> values.addAll(NoticeDetails.day("2026-07-15"));
      }
      TripSummary trip = kind.audience() == NotificationKind.Audience.GIVEN_GROUPS ? null : TRIP;
      models.put(
          kind,
          new MailModel(
              "张伟", trip, values, returned, "http://localhost:8080/camunda/app/tasklist/default/"));
    }
    return models;
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void everyParagraphOfEveryMailIsInOneLanguageChineseFirst(NotificationKind kind) {
    RenderedMail mail = composer.compose(kind, everyKind().get(kind));
    Document html = Jsoup.parse(mail.html());

    assertThat(mixedScripts(html)).as(kind + "\n" + mail.html()).isEmpty();
    List<Element> paragraphs = html.body().select("p, li, h2, div[lang]");
    assertThat(paragraphs)
        .as("every paragraph says its language")
        .allMatch(p -> p.closest("[lang]") != null);
    assertThat(html.body().select("[lang=zh-CN]").size())
        .as("as many paragraphs in English as in Chinese")
        .isEqualTo(html.body().select("[lang=en]").size());
    assertThat(html.body().child(0).attr("lang")).as("Chinese first").isEqualTo("zh-CN");
    assertThat(mixedLines(mail.text())).as(kind + "\n" + mail.text()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void theSubjectNamesTheTripOnceThenTheNewsOnceInEachLanguage(NotificationKind kind) {
    String subject = composer.compose(kind, everyKind().get(kind)).subject();

    assertThat(subject).doesNotContain("[出国审批", "Trip approval]");
    Matcher parts =
        Pattern.compile("^(?:(.+) · (\\d{4}-\\d{2}-\\d{2}) · (.+) — )?(.+) / (.+)$")
            .matcher(subject);
    assertThat(parts.matches()).as(subject).isTrue();
    if (kind.audience() != NotificationKind.Audience.GIVEN_GROUPS) {
      assertThat(parts.group(1)).isEqualTo(NUMBER);
      assertThat(parts.group(3)).as("countries in Chinese").isEqualTo("日本、韩国");
    }
    assertThat(Phrase.hasHan(parts.group(4))).as("Chinese news first").isTrue();
    assertThat(Phrase.hasHan(parts.group(5))).as("then English").isFalse();
  }

  @Test
  void aToDoSubjectNamesTheTaskOnceInEachLanguage() {
    String subject =
        composer
            .compose(
                NotificationKind.TASK_ASSIGNED, everyKind().get(NotificationKind.TASK_ASSIGNED))
            .subject();

    assertThat(subject)
        .isEqualTo(NUMBER + " · 2026-06-10 · 日本、韩国 — 待办：审核出国申请 / To do: Review trip request");
  }

  @Test
  void aRequestSentBackGivesTheReviewerTheReasonAndTheFindingsInWords() {
    MailModel sentBack =
        new MailModel(
            "张伟",
            TRIP,
            List.of(Value.word(Phrase.split("Revise trip request 修改出国申请"))),
            new Returned("李娜", Phrase.of(ReviewLevel.UNIT_HEAD), "请补充会谈议题\n并附邀请函译文", FINDINGS),
            "http://localhost:8080/camunda/app/tasklist/default/#/?task=42");

    RenderedMail mail = composer.compose(NotificationKind.TASK_ASSIGNED, sentBack);
    Document html = Jsoup.parse(mail.html());

    assertThat(html.select("p[lang=zh-CN]").eachText()).contains("李娜（单位负责人）给出的理由：");
    assertThat(html.select("p[lang=en]").eachText())
        .contains("The reason given by 李娜 (Unit head):");
    assertThat(html.select("blockquote").text()).isEqualTo("请补充会谈议题 并附邀请函译文");
    assertThat(html.select("ul[lang=zh-CN] li").eachText())
        .containsExactly(
            "团组人数（须纠正）：团组7人,超过6人(含翻译)",
            "出访国家数（须纠正）：出访4个国家和地区(JP, KR, TH, SG),超过3个",
            "实质性任务（提示）：公务活动天数不足行程的三分之二");
    assertThat(html.select("ul[lang=en] li").eachText())
        .first()
        .isEqualTo(
            "Delegation size (Blocking): The delegation has 7 members, more than 6 (interpreter included)");
    assertThat(mail.text())
        .contains(
            "李娜（单位负责人）给出的理由：",
            "    请补充会谈议题\n    并附邀请函译文",
            "- 团组人数（须纠正）：团组7人,超过6人(含翻译)",
            "规则审查发现以下问题，请修改后重新提交：",
            "http://localhost:8080/camunda/app/tasklist/default/#/?task=42");
  }

  @Test
  void aRequestTheRuleCheckStoppedListsTheFindingsWithoutAReviewer() {
    MailModel stopped =
        new MailModel(
            "张伟",
            TRIP,
            List.of(Value.word(Phrase.split("Revise trip request 修改出国申请"))),
            Returned.findingsOnly(FINDINGS.subList(0, 1)),
            "http://localhost:8080/x");

    Document html = Jsoup.parse(composer.compose(NotificationKind.TASK_ASSIGNED, stopped).html());

    assertThat(html.select("p[lang=zh-CN]").eachText()).contains("规则审查发现以下问题，请修改后重新提交：");
    assertThat(html.select("blockquote")).isEmpty();
    assertThat(html.text()).doesNotContain("给出的理由");
  }

  @Test
  void whatUsersTypedArrivesAsTextAndLinksOpenInANewTab() {
    MailModel hostile =
        new MailModel(
            "张伟",
            TRIP,
            List.of(),
            new Returned(
                "李娜", Phrase.of(ReviewLevel.UNIT_HEAD), "<script>alert(1)</script>", List.of()),
            "http://localhost:8080/camunda/app/tasklist/default/");

    RenderedMail mail = composer.compose(NotificationKind.TRIP_REJECTED, hostile);
    Document html = Jsoup.parse(mail.html());

    assertThat(html.select("script")).isEmpty();
    assertThat(html.select("blockquote").text()).isEqualTo("<script>alert(1)</script>");
    assertThat(html.select("td b")).as("the purpose as typed, not as markup").isEmpty();
    assertThat(html.select("a[href]"))
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a.attr("href"))
                  .isEqualTo("http://localhost:8080/camunda/app/tasklist/default/");
              assertThat(a.attr("target")).isEqualTo("_blank");
            });
  }

  @Test
  void theRuleFindsAParagraphThatSwitchesLanguage() {
    assertThat(mixedScripts(Jsoup.parse("<p lang=zh-CN>您的出国申请已由财政 finance审核同意</p>"))).hasSize(1);
    assertThat(mixedScripts(Jsoup.parse("<p lang=en>Approved by 财政 Finance</p>"))).hasSize(1);
    assertThat(mixedScripts(Jsoup.parse("<p lang=en>Approved by <span translate=no>刘洋</span></p>")))
        .isEmpty();
    assertThat(mixedLines("已由财政 finance审核同意\nApproved by Finance")).hasSize(1);
  }

  @Test
  void bilingualNamesSplitIntoTheirLanguages() {
    assertThat(Phrase.split("省商务厅 Department of Commerce"))
        .isEqualTo(new Phrase("省商务厅", "Department of Commerce"));
    assertThat(Phrase.split("Review trip request 审核出国申请"))
        .isEqualTo(new Phrase("审核出国申请", "Review trip request"));
    assertThat(Phrase.split("缺少邀请函 / The invitation letter is missing"))
        .isEqualTo(new Phrase("缺少邀请函", "The invitation letter is missing"));
    assertThat(Phrase.split("Finance")).isEqualTo(Phrase.same("Finance"));
    assertThat(Phrase.person("李娜 (unit head)")).isEqualTo(Phrase.same("李娜"));
    assertThat(Phrase.person("John Smith")).isEqualTo(Phrase.same("John Smith"));
  }

  // An English word: Latin letters with a lower-case one (codes such as JP or CNY are not words).
  static final Pattern ENGLISH_WORD = Pattern.compile("\\p{IsLatin}*\\p{Ll}\\p{IsLatin}*");
  // Chinese: a Han character or CJK punctuation (，：（）).
  static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF01-\\uFF5E]");

  /** The paragraphs whose language switches, leaving out what is kept as written (names). */
  static List<String> mixedScripts(Document html) {
    List<String> mixed = new ArrayList<>();
    for (Element paragraph : html.body().select("[lang]")) {
      Element own = paragraph.clone();
      own.select("[translate=no]").remove();
      String text = own.text();
      boolean wrong =
          paragraph.attr("lang").startsWith("zh")
              ? ENGLISH_WORD.matcher(text).find()
              : CHINESE.matcher(text).find();
      if (wrong) {
        mixed.add(paragraph.outerHtml());
      }
    }
    return mixed;
  }

  /**
   * The plain text's lines in two languages, leaving out the facts (labels in both languages), the
   * quoted reason, the link and the names kept as written.
   */
  static List<String> mixedLines(String text) {
    List<String> mixed = new ArrayList<>();
    for (String line : text.lines().toList()) {
      if (line.startsWith("    ") || line.startsWith("http") || line.contains(" / ")) {
        continue;
      }
      if (line.matches("^[\\p{IsHan}]+ [A-Z][a-z ]+: .*")) {
        continue; // a fact: 单位 Unit: 省商务厅 Department of Commerce
      }
      String own = line;
      for (String kept : List.of("张伟", "李娜", "刘洋", "王芳", "周强", "外办〔2026〕0001号", NUMBER)) {
        own = own.replace(kept, "");
      }
      if (CHINESE.matcher(own).find() && ENGLISH_WORD.matcher(own).find()) {
        mixed.add(line);
      }
    }
    return mixed;
  }

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("mail/notifications");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
