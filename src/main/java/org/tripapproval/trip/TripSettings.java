package org.tripapproval.trip;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The policy's numbers that are settings rather than DMN rows (application.yaml, prefix "trips").
 */
@ConfigurationProperties("trips")
public record TripSettings(
    ZoneId zone,
    boolean demoData,
    int preTripDisclosureWorkingDays,
    int postTripDisclosureWorkingDays,
    int reviewDueWorkingDays,
    int leadTimeWorkingDays,
    int reportDueDays,
    int reportReminderDaysBefore,
    int reportRefileWorkingDays,
    DataSize maxAttachmentSize) {}
