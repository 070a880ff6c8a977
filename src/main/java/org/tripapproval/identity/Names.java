package org.tripapproval.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * What users read for a person or a unit instead of their ids: {@code 李娜 (unit head)} for {@code
 * li.na}, {@code 省商务厅 Department of Commerce} for {@code commerce}. Looked up without the caller's
 * authorizations: whoever may see a trip may read the names on it.
 */
@Component
public class Names {

  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engine;

  Names(IdentityService identity, ProcessEngineConfiguration engine) {
    this.identity = identity;
    this.engine = (ProcessEngineConfigurationImpl) engine;
  }

  /** The person's name, or their user id where the directory has none; null for null. */
  public String person(String userId) {
    if (userId == null) {
      return null;
    }
    return user(userId).map(Names::nameOf).filter(name -> !name.isEmpty()).orElse(userId);
  }

  /** The person's user, if the identity service knows them. */
  public Optional<User> user(String userId) {
    return Optional.ofNullable(
        unchecked(() -> identity.createUserQuery().userId(userId).singleResult()));
  }

  /** The unit's (group's) name, or its id where it has none; null for null. */
  public String unit(String groupId) {
    if (groupId == null) {
      return null;
    }
    Group group = unchecked(() -> identity.createGroupQuery().groupId(groupId).singleResult());
    return group == null ? groupId : nameOf(group);
  }

  /**
   * The names of these people by their ids (the id where the directory has no name), in one query:
   * a list of a thousand trips asked once per applicant took most of the auditors' CSV export.
   */
  public Map<String, String> people(Collection<String> userIds) {
    String[] ids = distinct(userIds);
    Map<String, String> names = new HashMap<>();
    if (ids.length > 0) {
      unchecked(() -> identity.createUserQuery().userIdIn(ids).unlimitedList())
          .forEach(user -> names.put(user.getId(), nameOf(user)));
    }
    for (String id : ids) {
      names.merge(id, id, (name, fallback) -> name.isEmpty() ? fallback : name);
    }
    return names;
  }

  /** The names of these units (groups) by their ids (the id where one has none), in one query. */
  public Map<String, String> units(Collection<String> groupIds) {
    String[] ids = distinct(groupIds);
    Map<String, String> names = new HashMap<>();
    if (ids.length > 0) {
      unchecked(() -> identity.createGroupQuery().groupIdIn(ids).unlimitedList())
          .forEach(group -> names.put(group.getId(), nameOf(group)));
    }
    for (String id : ids) {
      names.putIfAbsent(id, id);
    }
    return names;
  }

  private static String[] distinct(Collection<String> ids) {
    return ids.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
  }

  /** Every unit's name by its id, in the order of the ids. */
  public Map<String, String> units() {
    Map<String, String> names = new LinkedHashMap<>();
    unchecked(
            () ->
                identity
                    .createGroupQuery()
                    .groupType(RoleGroups.UNIT_TYPE)
                    .orderByGroupId()
                    .asc()
                    .unlimitedList())
        .forEach(unit -> names.put(unit.getId(), nameOf(unit)));
    return names;
  }

  private static String nameOf(Group group) {
    return group.getName() == null || group.getName().isBlank() ? group.getId() : group.getName();
  }

  /** "first last", as Tasklist shows a user. */
  public static String nameOf(User user) {
    return (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip();
  }

  private <T> T unchecked(Supplier<T> query) {
    if (Context.getCommandContext() != null) {
      return Context.getCommandContext().runWithoutAuthorization(query::get);
    }
    return engine
        .getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(query::get));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
