package org.tripapproval.approval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.core.io.ClassPathResource;

/**
 * Lays out the approval document (出国任务批件) on A4 pages. The font is Noto Sans SC (SIL Open Font
 * License, from the npm registry: ADR 0019), embedded as a subset of the glyphs the document uses,
 * so that any reader shows the same characters and the file stays small.
 */
final class ApprovalDocumentPdf {

  static final String REGULAR = "fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
  static final String BOLD = "fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf";

  private static final float MARGIN = 56;
  private static final float BODY = 10.5f;
  private static final float LEADING = 1.55f;
  private static final float LABEL_WIDTH = 150;

  /** What the document says, in the order it says it; each entry a label and its lines. */
  record Field(String label, List<String> lines) {}

  record Content(
      String title,
      String subtitle,
      String numberLine,
      String issuedLine,
      List<Field> fields,
      List<String> delegationHeader,
      List<List<String>> delegation,
      String office,
      List<String> footer) {}

  /**
   * Parsed faces, each set used by one document at a time: parsing a face's character map (some
   * 30,000 characters) took more than half of a document's time, so faces are parsed once. A parsed
   * font reads its tables lazily from its own copy of the file (about 21 MB a set), so a set is not
   * shared. One set behind a lock made the approval steps of a busy node queue for it (in the
   * benchmark's profile at 16 clients, docs/performance.md); with one set per core, at most {@value
   * #MAX_SETS}, a document waits only while that many others are being written.
   */
  private final BlockingQueue<Faces> idle;

  private static final int MAX_SETS = 2;

  private record Faces(TrueTypeFont regular, TrueTypeFont bold) {}

  ApprovalDocumentPdf() {
    this(Math.min(MAX_SETS, Runtime.getRuntime().availableProcessors()));
  }

  ApprovalDocumentPdf(int sets) {
    byte[] regular = bytes(REGULAR);
    byte[] bold = bytes(BOLD);
    int count = Math.max(1, sets);
    this.idle = new ArrayBlockingQueue<>(count);
    for (int i = 0; i < count; i++) {
      idle.add(new Faces(parse(regular), parse(bold)));
    }
  }

  byte[] render(Content content) {
    Map<String, Map<Integer, Integer>> written = new HashMap<>();
    byte[] saved;
    Faces faces = take();
    try (PDDocument document = new PDDocument()) {
      Writer writer =
          new Writer(
              document,
              face(document, faces.regular(), written),
              face(document, faces.bold(), written));
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(content.title() + " " + content.numberLine());
      info.setAuthor(content.office());
      writer.write(content);
      writer.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      saved = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the approval document could not be written", e);
    } finally {
      idle.add(faces);
    }
    return withTextAsWritten(saved, written);
  }

  private Faces take() {
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to write a document", e);
    }
  }

  private static Face face(
      PDDocument document, TrueTypeFont font, Map<String, Map<Integer, Integer>> written)
      throws IOException {
    Map<Integer, Integer> glyphs = new TreeMap<>();
    written.put(font.getName(), glyphs);
    return new Face(PDType0Font.load(document, font, true), font.getUnicodeCmapLookup(), glyphs);
  }

  /**
   * The font draws some ideographs and their radicals with one glyph (日 and ⽇), and PDFBox maps
   * such a glyph back to the lowest code point: copied or searched text would read ⽇. The text map
   * (ToUnicode) is therefore written again from the characters this document actually wrote. In a
   * subset the character codes are the full font's glyph ids, which is what the map records.
   */
  private static byte[] withTextAsWritten(byte[] pdf, Map<String, Map<Integer, Integer>> written) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        // the font dictionaries as they are: reading them as fonts would parse each embedded subset
        COSDictionary fonts = page.getResources().getCOSObject().getCOSDictionary(COSName.FONT);
        for (COSName name : fonts == null ? List.<COSName>of() : fonts.keySet()) {
          COSDictionary font = fonts.getCOSDictionary(name);
          String named = font == null ? null : font.getNameAsString(COSName.BASE_FONT);
          Map<Integer, Integer> glyphs =
              named == null ? null : written.get(named.substring(named.indexOf('+') + 1));
          if (glyphs != null) {
            PDStream map = new PDStream(document);
            try (OutputStream out = map.createOutputStream(COSName.FLATE_DECODE)) {
              out.write(toUnicode(glyphs).getBytes(StandardCharsets.US_ASCII));
            }
            font.setItem(COSName.TO_UNICODE, map);
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the approval document could not be written", e);
    }
  }

  private static String toUnicode(Map<Integer, Integer> glyphs) {
    StringBuilder cmap =
        new StringBuilder(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                + "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                + "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(glyphs.entrySet());
    for (int from = 0; from < entries.size(); from += 100) {
      List<Map.Entry<Integer, Integer>> block =
          entries.subList(from, Math.min(from + 100, entries.size()));
      cmap.append(block.size()).append(" beginbfchar\n");
      for (Map.Entry<Integer, Integer> entry : block) {
        cmap.append(String.format("<%04X> <", entry.getKey()));
        for (char unit : Character.toChars(entry.getValue())) {
          cmap.append(String.format("%04X", (int) unit));
        }
        cmap.append(">\n");
      }
      cmap.append("endbfchar\n");
    }
    return cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
        .toString();
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the approval document's font "
              + resource
              + " is missing: the build copies it from frontend/node_modules (npm ci)",
          e);
    }
  }

  /**
   * Without the font's glyph substitutions (GSUB): for Latin words they joined "ffi" or "fl" into
   * one glyph, which the text map written from the characters shown does not know ("official" was
   * copied as "o cial"), and applying them to every line took most of the time of a document with
   * several Latin lines. The horizontal Chinese of the document needs none of them.
   */
  private static TrueTypeFont parse(byte[] font) {
    try {
      TrueTypeFont parsed = new TTFParser().parse(new RandomAccessReadBuffer(font));
      parsed.setEnableGsub(false);
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("the approval document's font could not be read", e);
    }
  }

  /** A font with its character map: characters it has no glyph for are printed as "?". */
  private record Face(PDType0Font font, CmapLookup cmap, Map<Integer, Integer> written) {

    String printable(String text) {
      StringBuilder out = new StringBuilder();
      text.codePoints()
          .forEach(
              c -> {
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                  out.append(' ');
                } else if (cmap.getGlyphId(c) == 0) {
                  out.append('?');
                } else {
                  out.appendCodePoint(c);
                }
              });
      return out.toString();
    }

    /** Shows the text, remembering which character each glyph stood for. */
    void show(PDPageContentStream stream, String text) throws IOException {
      text.codePoints().forEach(c -> written.putIfAbsent(cmap.getGlyphId(c), c));
      stream.showText(text);
    }

    float width(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }
  }

  /** Writes line by line from the top, opening a new page where one is full. */
  private static final class Writer {

    private final PDDocument document;
    private final Face regular;
    private final Face bold;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument document, Face regular, Face bold) throws IOException {
      this.document = document;
      this.regular = regular;
      this.bold = bold;
      newPage();
    }

    void write(Content content) throws IOException {
      centred(bold, content.title(), 22);
      centred(regular, content.subtitle(), 11);
      y -= 10;
      text(bold, content.numberLine(), MARGIN, 12);
      String issued = regular.printable(content.issuedLine());
      text(regular, issued, MARGIN + width - regular.width(issued, BODY), BODY);
      y -= 12 * LEADING;
      rule();
      for (Field field : content.fields()) {
        field(field);
      }
      y -= 6;
      row(bold, content.delegationHeader());
      for (List<String> member : content.delegation()) {
        row(regular, member);
      }
      List<String> footer = new ArrayList<>();
      for (String line : content.footer()) {
        footer.addAll(wrap(regular, line, width, 9));
      }
      // the office, the date and the footer with the check code stay together, on the page
      room(24 + 12 * LEADING + BODY * LEADING * 2 + footer.size() * 9 * LEADING);
      y -= 24;
      String office = bold.printable(content.office());
      text(bold, office, MARGIN + width - bold.width(office, 12), 12);
      y -= 12 * LEADING;
      String issued2 = regular.printable(content.issuedLine());
      text(regular, issued2, MARGIN + width - regular.width(issued2, BODY), BODY);
      y -= BODY * LEADING * 2;
      rule();
      for (String wrapped : footer) {
        text(regular, wrapped, MARGIN, 9);
        y -= 9 * LEADING;
      }
    }

    private void field(Field field) throws IOException {
      List<String> label = wrap(bold, field.label(), LABEL_WIDTH - 8, BODY);
      List<String> lines = new ArrayList<>();
      for (String line : field.lines()) {
        lines.addAll(wrap(regular, line, width - LABEL_WIDTH, BODY));
      }
      int rows = Math.max(label.size(), lines.size());
      for (int i = 0; i < rows; i++) {
        room(BODY * LEADING);
        if (i < label.size()) {
          text(bold, label.get(i), MARGIN, BODY);
        }
        if (i < lines.size()) {
          text(regular, lines.get(i), MARGIN + LABEL_WIDTH, BODY);
        }
        y -= BODY * LEADING;
      }
      y -= 4;
    }

    /** A row of the delegation's table: number, name, post, rank. */
    private void row(Face face, List<String> cells) throws IOException {
      float[] columns = {0, 48, 150, width - 100};
      float[] widths = {48, 102, width - 100 - 150, 100};
      List<List<String>> wrapped = new ArrayList<>();
      int rows = 1;
      for (int i = 0; i < cells.size(); i++) {
        List<String> lines = wrap(face, cells.get(i), widths[i] - 6, BODY);
        wrapped.add(lines);
        rows = Math.max(rows, lines.size());
      }
      room(rows * BODY * LEADING);
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < wrapped.size(); i++) {
          if (r < wrapped.get(i).size()) {
            text(face, wrapped.get(i).get(r), MARGIN + columns[i], BODY);
          }
        }
        y -= BODY * LEADING;
      }
    }

    private void centred(Face face, String text, float size) throws IOException {
      String printable = face.printable(text);
      text(face, printable, MARGIN + (width - face.width(printable, size)) / 2, size);
      y -= size * LEADING;
    }

    private void text(Face face, String text, float x, float size) throws IOException {
      stream.beginText();
      stream.setFont(face.font(), size);
      stream.newLineAtOffset(x, y - size);
      face.show(stream, face.printable(text));
      stream.endText();
    }

    private void rule() throws IOException {
      stream.moveTo(MARGIN, y);
      stream.lineTo(MARGIN + width, y);
      stream.setLineWidth(0.6f);
      stream.stroke();
      y -= 10;
    }

    /** Breaks at any character (Chinese has no spaces), preferring a space in Latin text. */
    private static List<String> wrap(Face face, String text, float max, float size)
        throws IOException {
      List<String> lines = new ArrayList<>();
      String rest = face.printable(text == null ? "" : text).strip();
      while (!rest.isEmpty()) {
        int end = 0;
        float used = 0;
        while (end < rest.length()) {
          int next = rest.offsetByCodePoints(end, 1);
          float step = face.width(rest.substring(end, next), size);
          if (end > 0 && used + step > max) {
            break;
          }
          used += step;
          end = next;
        }
        if (end < rest.length()) {
          int space = rest.lastIndexOf(' ', end);
          if (space > end / 2) {
            end = space;
          }
        }
        lines.add(rest.substring(0, end).strip());
        rest = rest.substring(end).strip();
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
      return lines;
    }

    private void room(float needed) throws IOException {
      if (y - needed < MARGIN) {
        newPage();
      }
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void close() throws IOException {
      stream.close();
    }
  }
}
