package org.tripapproval.approval;

import org.tripapproval.refusal.Refusal;

/** An approval document that cannot be given out or checked as asked. */
class DocumentRefused extends RuntimeException implements Refusal {

  private final int status;

  private DocumentRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * Unknown, not issued yet, and someone else's trip are answered alike: ids tell nobody anything.
   */
  static DocumentRefused notYours() {
    return new DocumentRefused(
        404, "没有找到您可下载的出国任务批件 / there is no approval document of this trip that you may download");
  }

  static DocumentRefused nothingToCheck() {
    return new DocumentRefused(
        400,
        "请填写批件号和核验码,或上传批件PDF / enter the approval number and the check code, or upload the"
            + " document's PDF");
  }

  static DocumentRefused tooLarge(long limit) {
    return new DocumentRefused(
        413,
        "文件过大:批件PDF不超过"
            + limit / 1024
            + " KB / the file is too large: an approval document is at most "
            + limit / 1024
            + " KB");
  }

  @Override
  public int status() {
    return status;
  }
}
