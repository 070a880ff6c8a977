package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TripTaskNameTest {

  @Test
  void namesTheStepTheNumberTheApplicantTheCountriesAndTheDatesInWords() {
    assertThat(
            TripTaskName.named(
                "Review trip request 审核出国申请",
                "省商务厅-2026-0012",
                "张伟 (applicant)",
                List.of("JP", "KR"),
                LocalDate.of(2027, 5, 10),
                LocalDate.of(2027, 5, 14)))
        .isEqualTo(
            "Review trip request 审核出国申请 · 省商务厅-2026-0012 · 张伟 (applicant)"
                + " · 日本 Japan、韩国 South Korea · 2027年5月10日–5月14日");
  }

  @Test
  void namesTheYearAgainWhenTheTripEndsInTheNextOne() {
    assertThat(TripTaskName.dates(LocalDate.of(2027, 12, 29), LocalDate.of(2028, 1, 2)))
        .isEqualTo("2027年12月29日–2028年1月2日");
  }

  @Test
  void staysWithinTheLengthTheEngineKeeps() {
    List<String> many = List.of(Locale.getISOCountries()).subList(0, 40);
    String name =
        TripTaskName.named(
            "Review trip request 审核出国申请",
            "省商务厅-2026-0012",
            "张伟",
            many,
            LocalDate.of(2027, 5, 10),
            LocalDate.of(2027, 5, 14));
    assertThat(name).hasSize(TripTaskName.MAX_LENGTH).endsWith("…");
  }
}
