package org.tripapproval.trip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the JSON variables (trip, report, findings, decisions). Forms submit them as
 * Spin JSON; a client of the REST API may send a JSON string instead, and both are accepted.
 */
@Component
public class JsonVariables {

  private final ObjectMapper mapper;

  JsonVariables(ObjectMapper mapper) {
    this.mapper = mapper.copy().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  public <T> T read(VariableScope scope, String name, Class<T> type) {
    String json = rawJson(scope, name);
    if (json == null || json.isBlank()) {
      throw new InvalidSubmissionException(List.of(name + ": 必填 / is required"));
    }
    try {
      return mapper.readValue(json, type);
    } catch (JsonMappingException e) {
      throw new InvalidSubmissionException(
          List.of(
              fieldOf(name, e)
                  + ": 格式不正确 / is not valid ("
                  + e.getOriginalMessage().lines().findFirst().orElse("")
                  + ")"));
    } catch (JsonProcessingException e) {
      throw new InvalidSubmissionException(
          List.of(name + ": 格式不正确 / is not valid (" + e.getOriginalMessage() + ")"));
    }
  }

  /** The field that could not be read, named as the API names it: trip.members[0].rank. */
  private static String fieldOf(String name, JsonMappingException e) {
    StringBuilder field = new StringBuilder(name);
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        field.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  public void write(VariableScope scope, String name, Object value) {
    try {
      scope.setVariable(name, SpinValues.jsonValue(mapper.writeValueAsString(value)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write variable " + name, e);
    }
  }

  private static String rawJson(VariableScope scope, String name) {
    TypedValue value = scope.getVariableTyped(name);
    if (value == null || value.getValue() == null) {
      return null;
    }
    if (value instanceof JsonValue json) {
      return json.getValueSerialized();
    }
    return value.getValue().toString();
  }
}
