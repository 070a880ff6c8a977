package org.tripapproval.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine runs with the settings application.yaml explains, not with silently ignored ones. The
 * job executor runs here, as in production: the starter applies its settings only then.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class EngineSettingsIT {

  @Autowired ProcessEngine engine;
  @Autowired DataSource database;
  @Autowired CamundaBpmProperties camunda;

  @Test
  void theEngineRunsWithTheConfiguredSettings() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JobExecutor jobs = configuration.getJobExecutor();
    assertThat(jobs.getMaxJobsPerAcquisition()).isEqualTo(8);
    assertThat(jobs.getLockTimeInMillis()).isEqualTo(300_000);
    assertThat(jobs.getBackoffTimeInMillis()).isEqualTo(50);
    assertThat(jobs.getMaxBackoff()).isEqualTo(2000);
    assertThat(configuration.getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.getDefaultSerializationFormat()).isEqualTo("application/json");
    assertThat(configuration.getHistoryTimeToLive()).isEqualTo("3650");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
  }

  @Test
  void theJobExecutorCannotTakeEveryDatabaseConnection() throws Exception {
    int jobThreads = camunda.getJobExecution().getMaxPoolSize();
    int connections = database.unwrap(HikariDataSource.class).getMaximumPoolSize();
    assertThat(jobThreads).isEqualTo(8);
    // a request must not wait for a connection while the job executor runs at full strength
    assertThat(connections - jobThreads).isGreaterThanOrEqualTo(16);
  }
}
