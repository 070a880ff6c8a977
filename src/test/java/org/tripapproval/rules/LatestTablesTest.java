package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The newest table versions: read once per engine command and afresh in the next, so a version
 * deployed in between applies at once; Camunda's definition query is asked only when the newest ids
 * changed.
 */
@SpringBootTest
@ActiveProfiles("test")
class LatestTablesTest {

  private static final String PROBE = "latest-tables-probe";

  @Autowired ProcessEngine engine;
  @Autowired LatestTables tables;

  RepositoryService repository;
  CommandExecutor commands;
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void setUp() {
    repository = engine.getRepositoryService();
    commands =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void readsTheNewestVersionsOncePerCommandAndAfreshInTheNext() {
    DecisionDefinition first = deployProbe();
    commands.execute(
        command -> {
          assertThat(tables.of(PROBE).getId()).isEqualTo(first.getId());
          assertThat(tables.of("trip-frequency")).isNotNull();
          assertThat(tables.kept()).isOne();
          return null;
        });
    assertThat(tables.kept()).isZero();
    int asked = tables.definitionQueries();

    // nothing deployed: the ids read are the same, and Camunda's query is not asked again
    commands.execute(command -> assertThat(tables.of(PROBE).getId()).isEqualTo(first.getId()));
    assertThat(tables.definitionQueries()).isEqualTo(asked);

    // deployed meanwhile, through this node or another: the next command has it
    DecisionDefinition second = deployProbe();
    assertThat(second.getVersion()).isEqualTo(first.getVersion() + 1);
    commands.execute(
        command -> {
          assertThat(tables.of(PROBE).getId()).isEqualTo(second.getId());
          assertThat(tables.of(PROBE).getVersion()).isEqualTo(second.getVersion());
          return null;
        });
    assertThat(tables.definitionQueries()).isEqualTo(asked + 1);
  }

  @Test
  void aNewestVersionDeletedAndDeployedAgainUnderItsNumberIsTheNewOne() {
    deployProbe();
    DecisionDefinition second = deployProbe();
    commands.execute(command -> assertThat(tables.of(PROBE).getId()).isEqualTo(second.getId()));

    repository.deleteDeployment(second.getDeploymentId(), true);
    deployments.remove(second.getDeploymentId());
    DecisionDefinition again = deployProbe();

    assertThat(again.getVersion()).isEqualTo(second.getVersion());
    assertThat(again.getId()).isNotEqualTo(second.getId());
    commands.execute(command -> assertThat(tables.of(PROBE).getId()).isEqualTo(again.getId()));
  }

  @Test
  void whenTheNewestVersionIsDeletedTheOneBeforeApplies() {
    DecisionDefinition first = deployProbe();
    DecisionDefinition second = deployProbe();
    commands.execute(command -> assertThat(tables.of(PROBE).getId()).isEqualTo(second.getId()));

    repository.deleteDeployment(second.getDeploymentId(), true);
    deployments.remove(second.getDeploymentId());

    commands.execute(command -> assertThat(tables.of(PROBE).getId()).isEqualTo(first.getId()));
  }

  @Test
  void aTenantsVersionsAreNotTheApplicationsTables() {
    DecisionDefinition ours = deployProbe(null);
    DecisionDefinition tenants = deployProbe("another-tenant");
    deployProbe("another-tenant");
    commands.execute(command -> assertThat(tables.of(PROBE).getId()).isEqualTo(ours.getId()));
    assertThat(tenants.getTenantId()).isEqualTo("another-tenant");
  }

  @Test
  void outsideACommandEveryCallReads() {
    DecisionDefinition first = deployProbe();
    assertThat(tables.of(PROBE).getId()).isEqualTo(first.getId());

    DecisionDefinition second = deployProbe();
    assertThat(tables.of(PROBE).getId()).isEqualTo(second.getId());
  }

  @Test
  void aCommandThatFailsKeepsNothing() {
    assertThatThrownBy(
            () ->
                commands.execute(
                    command -> {
                      tables.of("trip-frequency");
                      throw new IllegalStateException("the step failed");
                    }))
        .hasMessage("the step failed");

    assertThat(tables.kept()).isZero();
  }

  private DecisionDefinition deployProbe() {
    return deployProbe(null);
  }

  private DecisionDefinition deployProbe(String tenant) {
    Deployment deployment =
        repository
            .createDeployment()
            .name(PROBE)
            .tenantId(tenant)
            .addString(
                "probe.dmn",
                """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="probe"
                    name="probe" namespace="http://tripapproval.org/test">
                  <decision id="%s" name="probe">
                    <decisionTable id="table">
                      <input id="input">
                        <inputExpression id="x" typeRef="string"><text>x</text></inputExpression>
                      </input>
                      <output id="output" name="y" typeRef="string"/>
                      <rule id="rule">
                        <inputEntry id="any"><text>-</text></inputEntry>
                        <outputEntry id="a"><text>"a"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """
                    .formatted(PROBE))
            .deploy();
    deployments.add(deployment.getId());
    return repository
        .createDecisionDefinitionQuery()
        .deploymentId(deployment.getId())
        .singleResult();
  }
}
