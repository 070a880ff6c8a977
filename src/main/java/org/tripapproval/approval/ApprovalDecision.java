package org.tripapproval.approval;

import java.time.Instant;

/** One decision on a trip, as the reviewers and auditors read it later. */
public record ApprovalDecision(
    String task, String reviewLevel, String decision, String reason, String decidedBy, Instant decidedAt) {}
