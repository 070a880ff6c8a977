package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.Browser;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/**
 * The approval document on PostgreSQL, as its users reach it: downloaded by the trip's applicant,
 * the foreign affairs office and the auditors and by nobody else, and checked on the public
 * verification page, in Chromium set to Simplified Chinese on a phone-sized screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class ApprovalDocumentIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("documents");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired ApprovalDocuments documents;

  private ProcessInstance approvedTrip() {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    return trip;
  }

  @Test
  void theApplicantTheOfficeAndTheAuditorsDownloadItAndNobodyElse() throws Exception {
    ProcessInstance trip = approvedTrip();
    ApprovalDocuments.Issued issued = documents.latest(trip.getId()).orElseThrow();
    String path = "/api/documents/" + trip.getId();
    for (String reader : new String[] {"zhang.wei", "wang.fang", "zhao.lei"}) {
      HttpResponse<byte[]> pdf = get(path, reader);
      assertThat(pdf.statusCode()).as(reader).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
      assertThat(ApprovalDocuments.sha256(pdf.body())).as(reader).isEqualTo(issued.sha256());
    }
    HttpResponse<byte[]> otherUnitsApplicant = get(path, "sun.li");
    assertThat(otherUnitsApplicant.statusCode()).isEqualTo(404);
    assertThat(new String(otherUnitsApplicant.body(), StandardCharsets.UTF_8))
        .doesNotContain("%PDF");
    assertThat(get(path, "li.na").statusCode()).as("a unit head").isEqualTo(403);
    assertThat(get(path, "liu.yang").statusCode()).as("finance").isEqualTo(403);
    assertThat(get(path, null).statusCode()).as("nobody logged in").isEqualTo(401);
  }

  @Test
  void anyoneChecksANumberAndItsCodeWithoutLoggingIn() throws Exception {
    ProcessInstance trip = approvedTrip();
    ApprovalDocuments.Issued issued = documents.latest(trip.getId()).orElseThrow();
    byte[] pdf = get("/api/documents/" + trip.getId(), "zhang.wei").body();

    JsonNode genuine = verify(issued.approvalNumber(), issued.checkCode(), pdf);
    assertThat(genuine.path("verdict").path("code").asText()).isEqualTo("genuine");
    assertThat(genuine.path("unit").asText()).contains("省商务厅");
    byte[] altered = pdf.clone();
    altered[altered.length / 2] ^= 1;
    assertThat(
            verify(issued.approvalNumber(), issued.checkCode(), altered)
                .path("verdict")
                .path("code")
                .asText())
        .isEqualTo("altered");
    JsonNode wrongCode = verify(issued.approvalNumber(), "AAAA-AAAA-AAAA", null);
    assertThat(wrongCode.path("verdict").path("code").asText()).isEqualTo("unknown");
    assertThat(wrongCode.path("unit").isNull()).as("nothing about the trip").isTrue();
    HttpResponse<String> empty = post(form("", ""), "application/x-www-form-urlencoded");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("请填写批件号", "enter the approval number");
    HttpResponse<String> huge =
        verification(issued.approvalNumber(), issued.checkCode(), new byte[3 * 1024 * 1024]);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(huge.body()).contains("文件过大", "too large");

    Path file = Files.createDirectories(Path.of("target", "documents")).resolve("document.pdf");
    Files.write(file, pdf);
    try (Browser browser = Browser.start()) {
      browser.phoneSized();
      browser.open("http://localhost:" + port + "/verify");
      browser.type("approvalNumber", issued.approvalNumber());
      browser.type("checkCode", issued.checkCode().toLowerCase());
      browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
      browser.click(By.cssSelector("#verify button"));
      browser.waitUntilTextContains(By.id("verdictZh"), "真实有效");
      assertThat(browser.visible(By.id("verdictEn")).getText()).contains("Genuine and unchanged");
      assertThat(browser.pageWidth())
          .as("no sideways scrolling on a phone")
          .isLessThanOrEqualTo(390);
      browser.screenshotOfThePage("document-verification-phone");
    }
  }

  private HttpResponse<byte[]> get(String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (user + ":" + RestClient.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode verify(String number, String code, byte[] file) throws Exception {
    HttpResponse<String> answer = verification(number, code, file);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return mapper.readTree(answer.body());
  }

  private HttpResponse<String> verification(String number, String code, byte[] file)
      throws Exception {
    HttpResponse<String> answer;
    if (file == null) {
      answer = post(form(number, code), "application/x-www-form-urlencoded");
    } else {
      String boundary = "----document" + System.nanoTime();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (String[] field : new String[][] {{"approvalNumber", number}, {"checkCode", code}}) {
        body.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + field[0]
                    + "\"\r\n\r\n"
                    + field[1]
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.pdf\"\r\n"
                  + "Content-Type: application/pdf\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(file);
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      answer = post(body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }
    return answer;
  }

  private static byte[] form(String number, String code) {
    return ("approvalNumber="
            + URLEncoder.encode(number, StandardCharsets.UTF_8)
            + "&checkCode="
            + URLEncoder.encode(code, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(byte[] body, String contentType) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/document-verification"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
