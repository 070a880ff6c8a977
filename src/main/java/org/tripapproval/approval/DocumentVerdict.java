package org.tripapproval.approval;

import org.tripapproval.trip.Labelled;

/** What the verification page answers about an approval document. */
enum DocumentVerdict implements Labelled {
  genuine(
      "真实有效,内容未被改动:与出具的批件逐字节一致",
      "Genuine and unchanged: the file is exactly the document that was issued"),
  issued(
      "已出具:该批件号与核验码的批件确由本办出具。上传文件可核对内容是否被改动",
      "Issued: a document with this approval number and check code was issued. Upload the file to"
          + " check that it is unchanged"),
  altered(
      "文件已被改动:批件号与核验码正确,但文件内容与出具的批件不一致",
      "Altered: the number and check code are right, but the file differs from the document that"
          + " was issued"),
  voided(
      "已作废:批件号与核验码正确,但该出访已撤回或取消,批件不再有效",
      "Void: the number and check code are right, but the trip was withdrawn or cancelled and the"
          + " document is no longer valid"),
  superseded(
      "已被变更取代:该批件确由本办出具,但出访变更后已换发新版,请以最新版为准",
      "Superseded: this document was issued, but the trip changed after approval and a newer"
          + " revision replaces it"),
  unknown(
      "无法核实:没有以该批件号和核验码(或该文件内容)出具的批件",
      "Not confirmed: no document was issued with this approval number and check code (or with"
          + " exactly this file's content)");

  private final Words words;

  DocumentVerdict(String zh, String en) {
    this.words = new Words(name(), zh, en);
  }

  @Override
  public Words words() {
    return words;
  }
}
