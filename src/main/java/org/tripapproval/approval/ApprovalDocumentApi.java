package org.tripapproval.approval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tripapproval.identity.RoleGroups;

/**
 * The approval documents (web/WebSecurity says who may call): {@code GET
 * /api/documents/{processInstanceId}} gives the trip's newest document as PDF to its applicant, the
 * foreign affairs office and the auditors; {@code POST /api/document-verification} (approval number
 * and check code, and/or the file) answers anyone, without a login, whether it was issued and is
 * unchanged.
 */
@RestController
class ApprovalDocumentApi {

  /** Who may read every trip's document; an applicant only their own trips'. */
  private static final Set<String> READ_EVERY =
      Set.of("GROUP_" + RoleGroups.FOREIGN_AFFAIRS_OFFICE, "GROUP_" + RoleGroups.AUDITORS);

  private final ApprovalDocuments documents;

  ApprovalDocumentApi(ApprovalDocuments documents) {
    this.documents = documents;
  }

  @GetMapping("/api/documents/{processInstanceId}")
  ResponseEntity<byte[]> download(Authentication caller, @PathVariable String processInstanceId) {
    ApprovalDocuments.Issued issued =
        documents
            .latest(processInstanceId)
            .filter(document -> mayRead(caller, document))
            .orElseThrow(DocumentRefused::notYours);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("出国任务批件-" + issued.approvalNumber() + ".pdf", StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-SHA256", issued.sha256())
        .body(documents.content(issued));
  }

  /** An issued document is some tens of kilobytes; a file larger than this is not one. */
  static final long LARGEST_DOCUMENT = 2L * 1024 * 1024;

  @PostMapping("/api/document-verification")
  ApprovalDocuments.Verification verify(
      @RequestParam(name = "approvalNumber", required = false) String approvalNumber,
      @RequestParam(name = "checkCode", required = false) String checkCode,
      @RequestParam(name = "file", required = false) MultipartFile file) {
    boolean numbered =
        approvalNumber != null
            && !approvalNumber.isBlank()
            && checkCode != null
            && !checkCode.isBlank();
    boolean uploaded = file != null && !file.isEmpty();
    if (!numbered && !uploaded) {
      throw DocumentRefused.nothingToCheck();
    }
    if (uploaded && file.getSize() > LARGEST_DOCUMENT) {
      // anyone may ask, without a login: nothing bigger than a document is read into memory
      throw DocumentRefused.tooLarge(LARGEST_DOCUMENT);
    }
    try {
      return documents.verify(
          numbered ? approvalNumber : null, checkCode, uploaded ? file.getBytes() : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean mayRead(Authentication caller, ApprovalDocuments.Issued document) {
    return caller.getName().equals(document.applicant())
        || caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(READ_EVERY::contains);
  }
}
