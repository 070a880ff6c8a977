package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The newest table versions, read once for all tables and kept briefly. Without Spring. */
class LatestTablesTest {

  Instant now = Instant.parse("2026-12-03T09:00:00Z");
  RepositoryService repository = mock(RepositoryService.class);
  DecisionDefinitionQuery query = mock(DecisionDefinitionQuery.class, RETURNS_SELF);
  DecisionDefinition frequency = table("trip-frequency", 3);
  DecisionDefinition region = table("destination-region", 1);
  LatestTables tables =
      new LatestTables(
          Duration.ofSeconds(2),
          new Clock() {
            @Override
            public ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @BeforeEach
  void twoTablesDeployed() {
    when(repository.createDecisionDefinitionQuery()).thenReturn(query);
    when(query.unlimitedList()).thenReturn(List.of(frequency, region));
  }

  @Test
  void readsEveryTablesNewestVersionInOneQueryAndAgainOnlyAfterTwoSeconds() {
    assertThat(tables.of("trip-frequency", repository)).isSameAs(frequency);
    assertThat(tables.of("destination-region", repository)).isSameAs(region);
    now = now.plusMillis(1900);
    assertThat(tables.of("trip-frequency", repository)).isSameAs(frequency);
    verify(query, times(1)).unlimitedList();

    DecisionDefinition newer = table("trip-frequency", 4);
    when(query.unlimitedList()).thenReturn(List.of(newer, region));
    now = now.plusMillis(200);

    assertThat(tables.of("trip-frequency", repository)).isSameAs(newer);
    verify(query, times(2)).unlimitedList();
  }

  @Test
  void aTableItDoesNotKnowYetOrAForgottenOneIsReadAgainAtOnce() {
    tables.of("trip-frequency", repository);
    DecisionDefinition words = table("purpose-generic-words", 1);
    when(query.unlimitedList()).thenReturn(List.of(frequency, region, words));

    assertThat(tables.of("purpose-generic-words", repository)).isSameAs(words);

    DecisionDefinition newer = table("trip-frequency", 4);
    when(query.unlimitedList()).thenReturn(List.of(newer, region, words));
    tables.forget();
    assertThat(tables.of("trip-frequency", repository)).isSameAs(newer);
    verify(query, times(3)).unlimitedList();
  }

  private static DecisionDefinition table(String key, int version) {
    DecisionDefinition definition = mock(DecisionDefinition.class);
    when(definition.getKey()).thenReturn(key);
    when(definition.getVersion()).thenReturn(version);
    when(definition.getId()).thenReturn(key + ":" + version);
    return definition;
  }
}
