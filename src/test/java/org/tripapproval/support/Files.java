package org.tripapproval.support;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;

/** Small uploads as Tasklist sends them. */
public final class Files {

  private Files() {}

  public static byte[] pdfBytes() {
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .getBytes(StandardCharsets.US_ASCII);
  }

  public static FileValue pdf(String name) {
    return Variables.fileValue(name).file(pdfBytes()).mimeType("application/pdf").create();
  }

  /** A file that claims to be a PDF but is an executable script. */
  public static FileValue disguisedScript() {
    return Variables.fileValue("letter.pdf")
        .file("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII))
        .mimeType("application/pdf")
        .create();
  }

  public static FileValue pdfOfSize(int bytes) {
    byte[] content = new byte[bytes];
    System.arraycopy(pdfBytes(), 0, content, 0, pdfBytes().length);
    return Variables.fileValue("large.pdf").file(content).mimeType("application/pdf").create();
  }
}
