package org.tripapproval.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.trip.PlainText;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripVariables;

/**
 * The applicant withdraws their own trip before departure, from My trips (我的出访): by correlating the
 * message that the subprocess {@code beforeDeparture} catches (docs/adr/0015), as the applicant
 * ({@link AsApplicant}). The reason travels as a transient variable (never stored, so never a
 * client's write of the trip's data); the model's own step, {@code recordWithdrawal}, stores it.
 */
@Service
public class Withdrawals {

  /** As long as a reviewer's reason may be. */
  static final int MAX_REASON_LENGTH = DecisionRules.MAX_REASON_LENGTH;

  static final String REASON = "reason";

  private final AsApplicant asApplicant;
  private final ObjectMapper mapper;

  Withdrawals(AsApplicant asApplicant, ObjectMapper mapper) {
    this.asApplicant = asApplicant;
    this.mapper = mapper;
  }

  /**
   * Withdraws the trip; refuses with 404 (not the caller's: asked first, so that nobody learns
   * anything of another's trip), 400 (the reason) or 409 (too late).
   */
  public void withdraw(String processInstanceId, String applicant, String reason) {
    asApplicant.run(
        processInstanceId,
        applicant,
        (engine, trip) -> {
          String given = checkedReason(reason);
          if (trip.getEndTime() != null) {
            throw WithdrawalRefused.ended();
          }
          if (!isWithdrawable(engine.getRuntimeService(), processInstanceId)) {
            throw WithdrawalRefused.departed();
          }
          engine
              .getRuntimeService()
              .createMessageCorrelation(TripProcess.WITHDRAWAL_REQUESTED)
              .processInstanceId(processInstanceId)
              .setVariable(
                  TripVariables.WITHDRAWAL_REQUEST_REASON, Variables.stringValue(given, true))
              .correlateWithResult();
          return null;
        },
        WithdrawalRefused.departed());
  }

  /** Whether the trip still waits before departure, where the withdrawal message is caught. */
  static boolean isWithdrawable(RuntimeService runtime, String processInstanceId) {
    return AsApplicant.waitsFor(runtime, processInstanceId, TripProcess.WITHDRAWAL_REQUESTED);
  }

  private String checkedReason(String reason) {
    String given = reason == null ? "" : reason.strip();
    if (given.isEmpty()) {
      throw new InvalidParameterException(REASON, "请说明撤回的理由 / say why the trip is withdrawn");
    }
    if (given.length() > MAX_REASON_LENGTH) {
      throw new InvalidParameterException(
          REASON, "不超过" + MAX_REASON_LENGTH + "字 / at most " + MAX_REASON_LENGTH + " characters");
    }
    if (!PlainText.problems(given, mapper).isEmpty()) {
      throw new InvalidParameterException(REASON, "含有不可见的控制字符 / contains control characters");
    }
    return given;
  }
}
