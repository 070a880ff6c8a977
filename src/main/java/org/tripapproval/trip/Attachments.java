package org.tripapproval.trip;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/** Uploaded files must be PDFs or images, judged by their content, and not too large. */
@Component
public class Attachments {

  private static final List<byte[]> ALLOWED_SIGNATURES =
      List.of(
          "%PDF-".getBytes(),
          new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
          new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

  private final TripSettings settings;

  Attachments(TripSettings settings) {
    this.settings = settings;
  }

  /**
   * Returns a problem with the named file variable, if there is one; a missing file is none. An
   * empty upload (a file field left blank in a form) is removed: it means no file.
   */
  public Optional<String> problemWith(VariableScope scope, String name) {
    TypedValue value = scope.getVariableTyped(name);
    if (value == null || value.getValue() == null) {
      return Optional.empty();
    }
    if (!(value instanceof FileValue file)) {
      return Optional.of(name + ": 应为文件 / must be a file upload");
    }
    byte[] content;
    try (InputStream in = file.getValue()) {
      content = in.readAllBytes();
    } catch (IOException e) {
      return Optional.of(name + ": 无法读取 / cannot be read");
    }
    if (content.length == 0) {
      scope.removeVariable(name);
      return Optional.empty();
    }
    if (content.length > settings.maxAttachmentSize().toBytes()) {
      return Optional.of(
          name
              + ": 文件过大,上限 "
              + settings.maxAttachmentSize().toMegabytes()
              + "MB / the file is larger than "
              + settings.maxAttachmentSize().toMegabytes()
              + " MB");
    }
    if (ALLOWED_SIGNATURES.stream().noneMatch(signature -> startsWith(content, signature))) {
      return Optional.of(
          name + ": 只接受PDF或图片(PNG、JPEG) / only PDF or image files (PNG, JPEG) are accepted");
    }
    return Optional.empty();
  }

  public boolean isAttached(VariableScope scope, String name) {
    TypedValue value = scope.getVariableTyped(name);
    return value instanceof FileValue && value.getValue() != null;
  }

  private static boolean startsWith(byte[] content, byte[] signature) {
    return content.length >= signature.length
        && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
  }
}
