package org.tripapproval.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/** The model a trip ran on, and the elements it passed through, for drawing its path. */
@Service
class TripPath {

  record Path(String processDefinitionId, String xml, List<String> visited) {}

  private final HistoryService history;
  private final RepositoryService repository;

  TripPath(HistoryService history, RepositoryService repository) {
    this.history = history;
    this.repository = repository;
  }

  Optional<Path> of(String processInstanceId) {
    HistoricProcessInstance trip =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    if (trip == null) {
      return Optional.empty();
    }
    List<String> visited =
        history
            .createHistoricActivityInstanceQuery()
            .processInstanceId(processInstanceId)
            .orderByHistoricActivityInstanceStartTime()
            .asc()
            .unlimitedList()
            .stream()
            .map(HistoricActivityInstance::getActivityId)
            .filter(id -> !id.contains("#"))
            .distinct()
            .toList();
    try (InputStream model = repository.getProcessModel(trip.getProcessDefinitionId())) {
      return Optional.of(
          new Path(
              trip.getProcessDefinitionId(),
              new String(model.readAllBytes(), StandardCharsets.UTF_8),
              visited));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
