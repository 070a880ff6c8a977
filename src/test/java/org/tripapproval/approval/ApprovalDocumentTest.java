package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * The approval document is issued with the approval number: its text names the number, the
 * delegation and the countries in Chinese and English, its font is embedded, its hash is in the
 * trail, and the verification tells the issued file from an altered one and a wrong code.
 */
@SpringBootTest
@ActiveProfiles("test")
class ApprovalDocumentTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired ApprovalDocuments documents;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Withdrawals withdrawals;

  private ApprovalDocuments.Issued approvedTrip(TripRequest request) {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(request);
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    return documents.latest(trip.getId()).orElseThrow();
  }

  @Test
  void issuesTheDocumentWithTheApprovalNumberNamesAndCountries() throws Exception {
    TripRequest request =
        aTrip()
            .countries("JP", "KR")
            .days(6)
            .members(
                List.of(
                    new Member("欧阳明远", "商务厅对外贸易处处长", Rank.division),
                    new Member("王小明", "翻译", Rank.staff)))
            .invitedBy("日本贸易振兴机构 JETRO", "JP")
            .build();
    ApprovalDocuments.Issued issued = approvedTrip(request);
    String number =
        (String)
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(issued.processInstanceId())
                .variableName("approvalNumber")
                .singleResult()
                .getValue();
    assertThat(issued.approvalNumber()).isEqualTo(number);
    byte[] pdf = documents.content(issued);
    assertThat(ApprovalDocuments.sha256(pdf)).isEqualTo(issued.sha256());
    assertThat(pdf.length).as("a subset of the font, not all of it").isLessThan(300_000);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text)
          .contains(
              "出国任务批件",
              number,
              "欧阳明远",
              "商务厅对外贸易处处长",
              "王小明",
              "日本 Japan",
              "韩国 South Korea",
              "日本贸易振兴机构 JETRO",
              issued.checkCode());
      List<PDFont> fonts = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          fonts.add(page.getResources().getFont(name));
        }
      }
      assertThat(fonts).isNotEmpty();
      for (PDFont font : fonts) {
        assertThat(font.isEmbedded()).as(font.getName()).isTrue();
        PDFontDescriptor descriptor = ((PDType0Font) font).getDescendantFont().getFontDescriptor();
        assertThat(descriptor.getFontFile2()).as(font.getName()).isNotNull();
        assertThat(font.getName()).as("a subset is tagged so").matches("[A-Z]{6}\\+.*");
      }
    }

    assertThat(trail.forTrip(issued.processInstanceId()))
        .filteredOn(entry -> entry.event().equals(ApprovalDocuments.ISSUED))
        .singleElement()
        .satisfies(entry -> assertThat(entry.details()).contains(issued.sha256(), number));
  }

  @Test
  void verificationTellsTheIssuedFileFromAnAlteredOneAndAWrongCode() {
    ApprovalDocuments.Issued issued = approvedTrip(aTrip().build());
    byte[] pdf = documents.content(issued);
    String number = issued.approvalNumber();
    String code = issued.checkCode();

    assertThat(documents.verify(number, code, pdf).verdict().code()).isEqualTo("genuine");
    assertThat(
            documents.verify(number, code.toLowerCase().replace("-", " "), null).verdict().code())
        .as("typed loosely, without the file")
        .isEqualTo("issued");
    byte[] altered = pdf.clone();
    altered[altered.length / 2] ^= 1;
    ApprovalDocuments.Verification changed = documents.verify(number, code, altered);
    assertThat(changed.verdict().code()).isEqualTo("altered");
    assertThat(changed.unchanged()).isFalse();
    assertThat(documents.verify(number, otherCode(code), pdf).verdict().code())
        .isEqualTo("unknown");
    assertThat(documents.verify("外办〔1999〕0001号", code, null).verdict().code()).isEqualTo("unknown");
    assertThat(documents.verify(null, null, pdf).verdict().code()).isEqualTo("genuine");
    assertThat(documents.verify(null, null, altered).verdict().code()).isEqualTo("unknown");
  }

  @Test
  void theDocumentOfATripWithdrawnAfterItsNumberIsVoid() {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    ApprovalDocuments.Issued issued = documents.latest(trip.getId()).orElseThrow();
    byte[] pdf = documents.content(issued);
    assertThat(documents.verify(issued.approvalNumber(), issued.checkCode(), pdf).verdict().code())
        .isEqualTo("genuine");

    driver.withdraw(withdrawals, trip, "邀请方取消会谈 the host cancelled the talks");

    assertThat(documents.verify(issued.approvalNumber(), issued.checkCode(), pdf).verdict().code())
        .isEqualTo("voided");
    assertThat(documents.verify(null, null, pdf).verdict().code()).isEqualTo("voided");
  }

  @Test
  void aStoredHashReplacedInTheDatabaseDoesNotVerify() {
    ApprovalDocuments.Issued issued = approvedTrip(aTrip().build());
    byte[] forged = documents.content(issued).clone();
    forged[forged.length / 3] ^= 1;
    jdbc.update(
        "UPDATE approval_document SET sha256 = ? WHERE approval_number = ?",
        ApprovalDocuments.sha256(forged),
        issued.approvalNumber());
    assertThat(
            documents.verify(issued.approvalNumber(), issued.checkCode(), forged).verdict().code())
        .as("the seal is keyed: the database alone cannot make a file genuine")
        .isEqualTo("unknown");
  }

  @Test
  void nothingIsIssuedWhenTheTransactionFails() {
    long documentsBefore = count("SELECT count(*) FROM approval_document");
    long trailBefore = count("SELECT count(*) FROM audit_trail WHERE event = 'document.issued'");
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    transaction.executeWithoutResult(
        status -> {
          documents.issue("rolled-back-trip", "外办〔2099〕9999号", "zhang.wei", null, aTrip().build());
          assertThat(documents.latest("rolled-back-trip")).isPresent();
          status.setRollbackOnly();
        });
    assertThat(documents.latest("rolled-back-trip")).isEmpty();
    assertThat(count("SELECT count(*) FROM approval_document")).isEqualTo(documentsBefore);
    assertThat(count("SELECT count(*) FROM audit_trail WHERE event = 'document.issued'"))
        .isEqualTo(trailBefore);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  private static String otherCode(String code) {
    char first = code.charAt(0);
    return (first == 'A' ? 'B' : 'A') + code.substring(1);
  }
}
