package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Documents written at the same time, by more threads than there are parsed faces; the text a
 * reader copies out of a document.
 */
class ApprovalDocumentPdfTest {

  /**
   * The font joins "ffi", "fl" and the like into one glyph (ligatures) when its substitutions are
   * applied, and such a glyph had no character in the text map: "official" was copied as "o cial"
   * and the office's own name as "Foreign A airs O ce".
   */
  @Test
  void latinTextIsCopiedAsWritten() throws Exception {
    ApprovalDocumentPdf.Content content =
        new ApprovalDocumentPdf.Content(
            "出国任务批件",
            "Approval of an official trip abroad",
            "外办〔2026〕7号",
            "2026年12月4日",
            List.of(
                new ApprovalDocumentPdf.Field(
                    "出访任务 Task", List.of("Staff fly out to find financial flows"))),
            List.of("序号 No."),
            List.of(List.of("1")),
            "外事办公室 Foreign Affairs Office",
            List.of("Verify it at the office's site."));
    assertThat(text(new ApprovalDocumentPdf(1).render(content)))
        .contains(
            "Approval of an official trip abroad",
            "Staff fly out to find financial flows",
            "外事办公室 Foreign Affairs Office",
            "Verify it at the office's site.");
  }

  @Test
  void documentsWrittenAtOnceSayWhatEachWasGiven() throws Exception {
    ApprovalDocumentPdf pdf = new ApprovalDocumentPdf(2);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      // the glyphs each embeds, as one document alone writes them
      List<List<byte[]>> alone = new ArrayList<>();
      for (int kind = 0; kind < KINDS; kind++) {
        alone.add(fonts(new ApprovalDocumentPdf(1).render(content(kind))));
      }
      List<Future<byte[]>> documents = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        ApprovalDocumentPdf.Content content = content(i % KINDS);
        documents.add(threads.submit(() -> pdf.render(content)));
      }
      for (int i = 0; i < documents.size(); i++) {
        byte[] document = documents.get(i).get(60, TimeUnit.SECONDS);
        int kind = i % KINDS;
        assertThat(text(document))
            .contains("外办〔2026〕" + (100 + kind) + "号", "赴日本考察第" + kind + "团", "张伟" + kind)
            .doesNotContain("?");
        List<byte[]> fonts = fonts(document);
        assertThat(fonts).hasSameSizeAs(alone.get(kind));
        for (int f = 0; f < fonts.size(); f++) {
          assertThat(fonts.get(f))
              .as("document %d, font %d", i, f)
              .isEqualTo(alone.get(kind).get(f));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static ApprovalDocumentPdf.Content content(int i) {
    return new ApprovalDocumentPdf.Content(
        "出国任务批件",
        "Approval of an official trip abroad",
        "外办〔2026〕" + (100 + i) + "号",
        "2026年12月4日",
        List.of(
            new ApprovalDocumentPdf.Field("出访任务 Task", List.of("赴日本考察第" + i + "团")),
            new ApprovalDocumentPdf.Field("国家 Countries", List.of("日本 Japan"))),
        List.of("姓名 Name", "职务 Post"),
        List.of(List.of("张伟" + i, "处长")),
        "省外事办公室",
        List.of("本批件仅限本次出访使用。"));
  }

  @Test
  void aDocumentThatFailsGivesItsFacesBackForTheNext() throws Exception {
    ApprovalDocumentPdf pdf = new ApprovalDocumentPdf(1);
    ApprovalDocumentPdf.Content broken =
        new ApprovalDocumentPdf.Content(
            "出国任务批件", "", "外办〔2026〕1号", "", null, List.of(), List.of(), "", List.of());
    assertThatThrownBy(() -> pdf.render(broken)).isInstanceOf(NullPointerException.class);

    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      byte[] next = thread.submit(() -> pdf.render(content(1))).get(60, TimeUnit.SECONDS);
      assertThat(text(next)).contains("外办〔2026〕101号");
    } finally {
      thread.shutdownNow();
    }
  }

  private static final int KINDS = 3;

  /** The embedded font programs (the subsets), in the page's order of fonts. */
  private static List<byte[]> fonts(byte[] document) throws Exception {
    List<byte[]> fonts = new ArrayList<>();
    try (PDDocument read = Loader.loadPDF(document)) {
      PDResources resources = read.getPage(0).getResources();
      List<COSName> names = new ArrayList<>();
      resources.getFontNames().forEach(names::add);
      names.sort(Comparator.comparing(COSName::getName));
      for (COSName name : names) {
        PDType0Font font = (PDType0Font) resources.getFont(name);
        fonts.add(font.getDescendantFont().getFontDescriptor().getFontFile2().toByteArray());
      }
    }
    return fonts;
  }

  private static String text(byte[] document) throws Exception {
    try (PDDocument read = Loader.loadPDF(document)) {
      return new PDFTextStripper().getText(read);
    }
  }
}
