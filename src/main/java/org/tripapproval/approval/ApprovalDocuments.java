package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.audit.DocumentSeals;
import org.tripapproval.identity.Names;
import org.tripapproval.notification.MailSettings;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.Labelled;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;

/**
 * The approval documents (出国任务批件): issued with the approval number, in the engine's transaction (a
 * rolled-back step leaves neither), stored with their SHA-256, a check code and a seal (ADR 0019),
 * and written into the trip's trail as {@code document.issued} with the hash.
 */
@Service
class ApprovalDocuments {

  static final String ISSUED = "document.issued";

  /** A stored document, as the download and the verification read it. */
  record Issued(
      String approvalNumber,
      int revision,
      String processInstanceId,
      String applicant,
      String unit,
      LocalDateTime issuedAt,
      String sha256,
      String checkCode,
      String seal) {}

  /** The verification's answer; {@code unchanged} is null where no file was given. */
  record Verification(
      Labelled.Words verdict,
      Boolean unchanged,
      String approvalNumber,
      Integer revision,
      Boolean latestRevision,
      LocalDate issuedOn,
      String unit,
      String sha256,
      String uploadedSha256) {}

  private final JdbcTemplate jdbc;
  private final DocumentSeals seals;
  private final AuditTrail trail;
  private final Names names;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String office;
  private final String verificationLink;
  private final ApprovalDocumentPdf pdf = new ApprovalDocumentPdf();

  ApprovalDocuments(
      JdbcTemplate jdbc,
      DocumentSeals seals,
      AuditTrail trail,
      Names names,
      ObjectMapper mapper,
      Clock clock,
      MailSettings mail,
      @Value("${trips.document.office:外事办公室 Foreign Affairs Office}") String office) {
    this.jdbc = jdbc;
    this.seals = seals;
    this.trail = trail;
    this.names = names;
    this.mapper = mapper;
    this.clock = clock;
    this.office = office;
    this.verificationLink = mail.baseUrl() + "/verify/";
  }

  /**
   * Issues the trip's document for its approval number, once: a step that runs again (a retried
   * job) finds the one it issued.
   */
  Issued issue(
      String processInstanceId,
      String approvalNumber,
      String applicant,
      String requestNumber,
      TripRequest trip) {
    Optional<Issued> existing = latest(processInstanceId);
    if (existing.isPresent() && existing.get().approvalNumber().equals(approvalNumber)) {
      return existing.get();
    }
    return store(processInstanceId, approvalNumber, 1, applicant, requestNumber, trip);
  }

  /**
   * Issues the trip's document again, as the next revision of its number, after an approved change
   * (docs/adr/0022): the earlier revisions stay stored, and the verification calls them superseded.
   * A step that runs again finds the revision it issued.
   */
  Issued reissue(
      String processInstanceId,
      String approvalNumber,
      int revision,
      String applicant,
      String requestNumber,
      TripRequest trip) {
    Optional<Issued> existing = latest(processInstanceId);
    if (existing.isPresent() && existing.get().revision() >= revision) {
      return existing.get();
    }
    return store(processInstanceId, approvalNumber, revision, applicant, requestNumber, trip);
  }

  private Issued store(
      String processInstanceId,
      String approvalNumber,
      int revision,
      String applicant,
      String requestNumber,
      TripRequest trip) {
    LocalDateTime now = LocalDateTime.now(clock);
    String checkCode = seals.checkCode(approvalNumber, revision);
    byte[] content =
        pdf.render(
            content(approvalNumber, revision, requestNumber, trip, now.toLocalDate(), checkCode));
    String sha256 = sha256(content);
    Issued issued =
        new Issued(
            approvalNumber,
            revision,
            processInstanceId,
            applicant,
            trip.unit(),
            now,
            sha256,
            checkCode,
            seals.seal(approvalNumber, revision, sha256));
    jdbc.update(
        "INSERT INTO approval_document (approval_number, revision, process_instance_id, applicant,"
            + " unit, issued_at, sha256, check_code, seal, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)",
        approvalNumber,
        revision,
        processInstanceId,
        applicant,
        trip.unit(),
        Timestamp.valueOf(now),
        sha256,
        checkCode,
        issued.seal(),
        content);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("approvalNumber", approvalNumber);
    details.put("revision", revision);
    details.put("sha256", sha256);
    details.put("bytes", content.length);
    trail.append(
        new AuditTrail.Entry(processInstanceId, ISSUED, null, clock.instant(), json(details)));
    return issued;
  }

  /** The trip's newest document, if one was issued. */
  Optional<Issued> latest(String processInstanceId) {
    return jdbc
        .query(
            SELECT + " WHERE process_instance_id = ? ORDER BY revision DESC",
            (rs, row) -> issued(rs),
            processInstanceId)
        .stream()
        .findFirst();
  }

  /** The PDF itself. */
  byte[] content(Issued issued) {
    return jdbc.queryForObject(
        "SELECT content FROM approval_document WHERE approval_number = ? AND revision = ?",
        byte[].class,
        issued.approvalNumber(),
        issued.revision());
  }

  /**
   * Whether a document with this number and check code was issued, and, where a file is given,
   * whether it is that document unchanged. With a file alone: whether any issued document has
   * exactly its content. A wrong code and an unknown number are answered alike.
   */
  Verification verify(String approvalNumber, String typedCode, byte[] file) {
    String uploaded = file == null ? null : sha256(file);
    boolean numbered = approvalNumber != null && !approvalNumber.isBlank();
    List<Issued> candidates =
        numbered
            ? jdbc.query(
                SELECT + " WHERE approval_number = ? ORDER BY revision DESC",
                (rs, row) -> issued(rs),
                approvalNumber.strip())
            : uploaded == null
                ? List.of()
                : jdbc.query(
                    SELECT + " WHERE sha256 = ? ORDER BY revision DESC",
                    (rs, row) -> issued(rs),
                    uploaded);
    String code = DocumentSeals.normalized(typedCode);
    for (Issued issued : candidates) {
      boolean sealed =
          DocumentSeals.same(
              issued.seal(),
              seals.seal(issued.approvalNumber(), issued.revision(), issued.sha256()));
      boolean coded =
          !numbered
              || DocumentSeals.same(
                  code, seals.checkCode(issued.approvalNumber(), issued.revision()));
      if (!sealed || !coded) {
        continue;
      }
      Boolean unchanged = uploaded == null ? null : uploaded.equals(issued.sha256());
      if (!numbered && !Boolean.TRUE.equals(unchanged)) {
        continue;
      }
      boolean latestRevision = issued.revision() == candidates.get(0).revision();
      DocumentVerdict verdict =
          called(issued)
              ? DocumentVerdict.voided
              : !latestRevision && !Boolean.FALSE.equals(unchanged)
                  ? DocumentVerdict.superseded
                  : unchanged == null
                      ? DocumentVerdict.issued
                      : unchanged ? DocumentVerdict.genuine : DocumentVerdict.altered;
      return new Verification(
          verdict.words(),
          unchanged,
          issued.approvalNumber(),
          issued.revision(),
          latestRevision,
          issued.issuedAt().toLocalDate(),
          names.unit(issued.unit()),
          issued.sha256(),
          uploaded);
    }
    return new Verification(
        DocumentVerdict.unknown.words(), null, null, null, null, null, null, null, uploaded);
  }

  /** Whether the trip was withdrawn after its number, or cancelled: its paper is void. */
  private boolean called(Issued issued) {
    return !jdbc.queryForList(
            "SELECT status FROM trip_registry WHERE process_instance_id = ? AND status IN (?, ?)",
            String.class,
            issued.processInstanceId(),
            TripStatus.WITHDRAWN.name(),
            TripStatus.ENDED.name())
        .isEmpty();
  }

  private ApprovalDocumentPdf.Content content(
      String approvalNumber,
      int revision,
      String requestNumber,
      TripRequest trip,
      LocalDate issuedOn,
      String checkCode) {
    List<ApprovalDocumentPdf.Field> fields = new ArrayList<>();
    fields.add(field("组团单位 Unit", names.unit(trip.unit())));
    if (requestNumber != null) {
      fields.add(field("申请编号 Request No.", requestNumber));
    }
    Set<String> countries = new LinkedHashSet<>(trip.countries());
    fields.add(
        field(
            "出访国家(地区) Countries",
            countries.stream().map(Countries::name).collect(Collectors.joining("、"))));
    fields.add(
        field(
            "出访日期 Dates",
            trip.departureDate()
                + " 至 to "
                + trip.returnDate()
                + "，共"
                + trip.daysAbroad()
                + "天 "
                + trip.daysAbroad()
                + " days abroad"));
    List<String> task = new ArrayList<>();
    task.add(trip.purpose());
    for (int i = 0; i < trip.tasks().size(); i++) {
      task.add((i + 1) + ". " + trip.tasks().get(i));
    }
    fields.add(new ApprovalDocumentPdf.Field("出访任务 Task", task));
    fields.add(
        field(
            "邀请单位 Inviting body",
            trip.invitation().organisation()
                + "("
                + Countries.name(trip.invitation().country())
                + ")"));
    fields.add(
        field(
            "经费来源 Funding",
            trip.budget().stream()
                .map(TripRequest.BudgetItem::fundingSource)
                .distinct()
                .collect(Collectors.joining("、"))));
    List<String> budget = new ArrayList<>();
    for (TripRequest.BudgetItem item : trip.budget()) {
      budget.add(
          item.item()
              + (item.category() == null
                  ? ""
                  : "(" + item.category().words().zh() + " " + item.category().words().en() + ")")
              + ": CNY "
              + money(item.amount()));
    }
    budget.add("合计 Total: CNY " + money(trip.totalBudget()));
    fields.add(new ApprovalDocumentPdf.Field("预算 Budget", budget));
    fields.add(field("团组人数 Delegation", trip.members().size() + "人 members"));
    List<List<String>> delegation = new ArrayList<>();
    for (int i = 0; i < trip.members().size(); i++) {
      TripRequest.Member member = trip.members().get(i);
      delegation.add(
          List.of(
              Integer.toString(i + 1),
              member.name(),
              member.post(),
              member.rank().words().zh() + " " + member.rank().words().en()));
    }
    String issued = "出具日期 Issued: " + issuedOn;
    return new ApprovalDocumentPdf.Content(
        "出国任务批件",
        "Approval document for an official trip abroad",
        "批件号 Approval No.: "
            + approvalNumber
            + (revision > 1 ? " (第" + revision + "版 revision " + revision + ")" : ""),
        issued,
        fields,
        List.of("序号 No.", "姓名 Name", "职务 Post", "级别 Rank"),
        delegation,
        office,
        List.of(
            "核验码 Check code: " + checkCode,
            "凭批件号和核验码可在 "
                + verificationLink
                + " 核验本批件是否真实、是否被改动。"
                + " Check that this document is genuine and unchanged at "
                + verificationLink
                + " with its approval number and check code."));
  }

  private static ApprovalDocumentPdf.Field field(String label, String value) {
    return new ApprovalDocumentPdf.Field(label, List.of(value == null ? "" : value));
  }

  private static String money(BigDecimal amount) {
    return String.format("%,.2f", amount);
  }

  private static final String SELECT =
      "SELECT approval_number, revision, process_instance_id, applicant, unit, issued_at, sha256,"
          + " check_code, seal FROM approval_document";

  private static Issued issued(ResultSet rs) throws SQLException {
    return new Issued(
        rs.getString("approval_number"),
        rs.getInt("revision"),
        rs.getString("process_instance_id"),
        rs.getString("applicant"),
        rs.getString("unit"),
        rs.getTimestamp("issued_at").toLocalDateTime(),
        rs.getString("sha256").trim(),
        rs.getString("check_code").trim(),
        rs.getString("seal").trim());
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String json(Map<String, Object> details) {
    try {
      return mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
