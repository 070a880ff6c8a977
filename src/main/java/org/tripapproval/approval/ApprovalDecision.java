package org.tripapproval.approval;

import java.time.Instant;

/**
 * One decision on a trip, as the reviewers and auditors read it later; {@code onBehalfOf} names the
 * reviewer(s) a substitute decided for, and is null otherwise.
 */
public record ApprovalDecision(
    String task,
    String reviewLevel,
    String decision,
    String reason,
    String decidedBy,
    Instant decidedAt,
    String onBehalfOf) {}
