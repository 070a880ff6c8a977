package org.tripapproval.identity;

import java.util.LinkedHashMap;
import java.util.Map;
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
