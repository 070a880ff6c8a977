package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The newest table versions: one query per engine command, never kept past it. */
@SpringBootTest
@ActiveProfiles("test")
class LatestTablesTest {

  @Autowired ProcessEngine engine;
  @Autowired LatestTables tables;

  RepositoryService repository = mock(RepositoryService.class);
  DecisionDefinitionQuery query = mock(DecisionDefinitionQuery.class, RETURNS_SELF);
  DecisionDefinition frequency = table("trip-frequency", 3);
  DecisionDefinition region = table("destination-region", 1);
  CommandExecutor commands;

  @BeforeEach
  void twoTablesDeployed() {
    when(repository.createDecisionDefinitionQuery()).thenReturn(query);
    when(query.unlimitedList()).thenReturn(List.of(frequency, region));
    commands =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();
  }

  @Test
  void readsEveryTablesNewestVersionOncePerCommandAndAfreshInTheNext() {
    commands.execute(
        command -> {
          assertThat(tables.of("trip-frequency", repository)).isSameAs(frequency);
          assertThat(tables.of("destination-region", repository)).isSameAs(region);
          assertThat(tables.of("trip-frequency", repository)).isSameAs(frequency);
          return null;
        });
    verify(query, times(1)).unlimitedList();
    assertThat(tables.kept()).isZero();

    // deployed meanwhile, through this node or another
    DecisionDefinition newer = table("trip-frequency", 4);
    when(query.unlimitedList()).thenReturn(List.of(newer, region));

    commands.execute(
        command -> assertThat(tables.of("trip-frequency", repository)).isSameAs(newer));
    verify(query, times(2)).unlimitedList();
  }

  @Test
  void outsideACommandEveryCallReads() {
    tables.of("trip-frequency", repository);
    tables.of("destination-region", repository);

    verify(query, times(2)).unlimitedList();
  }

  @Test
  void aCommandThatFailsKeepsNothing() {
    assertThatThrownBy(
            () ->
                commands.execute(
                    command -> {
                      tables.of("trip-frequency", repository);
                      throw new IllegalStateException("the step failed");
                    }))
        .hasMessage("the step failed");

    assertThat(tables.kept()).isZero();
  }

  private static DecisionDefinition table(String key, int version) {
    DecisionDefinition definition = mock(DecisionDefinition.class);
    when(definition.getKey()).thenReturn(key);
    when(definition.getVersion()).thenReturn(version);
    when(definition.getId()).thenReturn(key + ":" + version);
    return definition;
  }
}
