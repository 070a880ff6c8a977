package org.tripapproval.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application loads the calendars it ships when it starts; what they hold is {@link
 * WorkingDaysTest}'s. Boots the context that the other process tests share, so it costs no start.
 */
@SpringBootTest
@ActiveProfiles("test")
class ShippedCalendarsTest {

  @Autowired WorkingDays workingDays;

  @Test
  void theShippedCalendarsAreLoadedWhenTheApplicationStarts() {
    assertThat(workingDays.of(2026)).hasSize(39);
    assertThat(workingDays.of(2025)).isNotEmpty();
  }
}
