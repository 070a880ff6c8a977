package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.identity.RoleGroups;
import org.tripapproval.notification.Notifications;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.refusal.Refusal;
import org.tripapproval.trip.TripProcess;

/**
 * Substitutes (代理): a reviewer who will be away names someone to stand in for a period. Every task
 * that reaches one of the reviewer's groups meanwhile (and those already waiting) is offered to the
 * substitute too, who is told by mail like the group; when the substitute decides, the decision
 * records for whom ({@code onBehalfOf}), and so does the audit trail. The substitute must already
 * share one of the reviewer's review groups; when the period is over or cancelled, the tasks go
 * back and the reviewer's head hears of it.
 */
@Service
public class Substitutes {

  /** Set on the task's execution when a substitute completes it; read by the decision recorder. */
  static final String ON_BEHALF_OF = "onBehalfOf";

  static final int LONGEST_PERIOD_DAYS = 366;

  public record Substitution(
      long id, String absentUser, String substitute, LocalDate startsOn, LocalDate endsOn) {}

  private static final String COLUMNS = "id, absent_user, substitute, starts_on, ends_on";
  private static final RowMapper<Substitution> ROW =
      (row, i) ->
          new Substitution(
              row.getLong(1),
              row.getString(2),
              row.getString(3),
              row.getDate(4).toLocalDate(),
              row.getDate(5).toLocalDate());

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final TaskService tasks;
  private final AuditTrail trail;
  private final Notifications notifications;
  private final Clock clock;
  private final ObjectMapper mapper;

  /** What the trail keeps of a substitute named. */
  private record Named(String substitute, String from, String until) {}

  /** What the trail keeps of a substitution that ended. */
  private record Ended(
      long substitution, String absentUser, String substitute, int tasksWithdrawn) {}

  Substitutes(
      JdbcTemplate jdbc,
      IdentityService identity,
      TaskService tasks,
      AuditTrail trail,
      Notifications notifications,
      Clock clock,
      ObjectMapper mapper) {
    this.mapper = mapper;
    this.jdbc = jdbc;
    this.identity = identity;
    this.tasks = tasks;
    this.trail = trail;
    this.notifications = notifications;
    this.clock = clock;
  }

  /**
   * The reviewer names a substitute; the tasks already waiting for the reviewer's groups are
   * offered at once.
   */
  @Transactional
  public Substitution name(String absentUser, String substitute, LocalDate from, LocalDate until) {
    LocalDate today = LocalDate.now(clock);
    if (substitute == null || substitute.isBlank()) {
      throw new InvalidParameterException("substitute", "必填 / is required");
    }
    if (substitute.equals(absentUser)) {
      throw new InvalidParameterException("substitute", "不能是本人 / must be someone else");
    }
    if (identity.createUserQuery().userId(substitute).count() == 0) {
      throw new InvalidParameterException("substitute", "没有此用户 / is not a user");
    }
    if (from == null) {
      throw new InvalidParameterException("from", "必填 / is required");
    }
    if (until == null) {
      throw new InvalidParameterException("until", "必填 / is required");
    }
    if (until.isBefore(from)) {
      throw new InvalidParameterException("until", "早于开始日期 / is before from");
    }
    if (until.isBefore(today)) {
      throw new InvalidParameterException("until", "已过 / is in the past");
    }
    if (from.isBefore(today)) {
      // tasks decided before the naming cannot have been the substitute's: a period starts today or
      // later
      throw new InvalidParameterException("from", "不能早于今天 / must not be in the past");
    }
    if (ChronoUnit.DAYS.between(from, until) >= LONGEST_PERIOD_DAYS) {
      throw new InvalidParameterException(
          "until", "代理期不超过一年 / a substitution lasts a year at most");
    }
    if (reviewerGroups(absentUser).isEmpty()) {
      throw new NotAReviewerException();
    }
    if (Collections.disjoint(reviewGroups(absentUser), reviewGroups(substitute))) {
      // the substitute must already be trusted with this kind of review, not anyone the reviewer
      // picks
      throw new InvalidParameterException(
          "substitute", "须为您所在审批组的成员 / must be a member of one of your review groups");
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var insert =
              connection.prepareStatement(
                  "INSERT INTO substitution (absent_user, substitute, starts_on, ends_on,"
                      + " created_at) VALUES (?, ?, ?, ?, ?)",
                  new String[] {"id"});
          insert.setString(1, absentUser);
          insert.setString(2, substitute);
          insert.setDate(3, Date.valueOf(from));
          insert.setDate(4, Date.valueOf(until));
          insert.setTimestamp(5, Timestamp.from(clock.instant()));
          return insert;
        },
        key);
    long id = key.getKey().longValue();
    trail.append(
        new AuditTrail.Entry(
            null,
            "substitute.named",
            absentUser,
            clock.instant(),
            json(new Named(substitute, from.toString(), until.toString()))));
    if (!from.isAfter(today)) {
      for (Task task :
          tasks
              .createTaskQuery()
              .taskCandidateGroupIn(new ArrayList<>(reviewerGroups(absentUser)))
              .includeAssignedTasks()
              .unlimitedList()) {
        tasks.addCandidateUser(task.getId(), substitute);
      }
    }
    return new Substitution(id, absentUser, substitute, from, until);
  }

  /** The user's substitutions that are not over: those they named and those they stand in for. */
  public List<Substitution> of(String user) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM substitution WHERE (absent_user = ? OR substitute = ?)"
            + " AND ends_on >= ? ORDER BY starts_on, id",
        ROW,
        user,
        user,
        Date.valueOf(LocalDate.now(clock)));
  }

  /** Ends a substitution the user named: see {@link #end}. */
  @Transactional
  public boolean cancel(long id, String absentUser) {
    List<Substitution> named =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM substitution WHERE id = ? AND absent_user = ?"
                + " FOR UPDATE",
            ROW,
            id,
            absentUser);
    named.forEach(substitution -> end(substitution, Ending.CANCELLED));
    return !named.isEmpty();
  }

  /**
   * Ends the periods that are over (the day after their last day). Nodes share the work: a period
   * another node is ending is skipped, never ended twice.
   */
  @Scheduled(
      initialDelayString = "${trips.substitutes.sweep-interval:PT10M}",
      fixedDelayString = "${trips.substitutes.sweep-interval:PT10M}")
  @Transactional
  public void endPeriodsThatAreOver() {
    jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM substitution WHERE ends_on < ? ORDER BY id FOR UPDATE SKIP LOCKED",
            ROW,
            Date.valueOf(LocalDate.now(clock)))
        .forEach(substitution -> end(substitution, Ending.EXPIRED));
  }

  enum Ending {
    CANCELLED("substitute.cancelled"),
    EXPIRED("substitute.ended");

    final String event;

    Ending(String event) {
      this.event = event;
    }
  }

  /**
   * The substitute no longer has the absent reviewer's tasks: offered ones are taken back, claimed
   * ones go back to the group, unless another running substitution gives them the same task. The
   * trail records it, and the reviewer's head is told by mail.
   */
  private void end(Substitution substitution, Ending ending) {
    jdbc.update("DELETE FROM substitution WHERE id = ?", substitution.id());
    int withdrawn = withdrawFromTasks(substitution);
    String actor = ending == Ending.CANCELLED ? substitution.absentUser() : "system";
    trail.append(
        new AuditTrail.Entry(
            null,
            ending.event,
            actor,
            clock.instant(),
            json(
                new Ended(
                    substitution.id(),
                    substitution.absentUser(),
                    substitution.substitute(),
                    withdrawn))));
    notifications.substitutionEnded(
        headsOf(substitution.absentUser()),
        substitution.absentUser(),
        substitution.substitute(),
        substitution.startsOn(),
        substitution.endsOn(),
        ending == Ending.CANCELLED,
        withdrawn);
  }

  private int withdrawFromTasks(Substitution substitution) {
    String substitute = substitution.substitute();
    List<String> groups = new ArrayList<>(reviewerGroups(substitution.absentUser()));
    int withdrawn = 0;
    if (groups.isEmpty()) {
      return withdrawn;
    }
    for (Task task :
        tasks
            .createTaskQuery()
            .taskCandidateGroupIn(groups)
            .includeAssignedTasks()
            .unlimitedList()) {
      List<IdentityLink> links = tasks.getIdentityLinksForTask(task.getId());
      boolean offered =
          links.stream()
              .anyMatch(
                  link ->
                      substitute.equals(link.getUserId())
                          && IdentityLinkType.CANDIDATE.equals(link.getType()));
      List<String> taskGroups =
          links.stream()
              .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
              .map(IdentityLink::getGroupId)
              .filter(group -> group != null)
              .toList();
      if (!offered || stillStandsIn(substitute, taskGroups)) {
        continue;
      }
      tasks.deleteCandidateUser(task.getId(), substitute);
      if (substitute.equals(task.getAssignee()) && !memberOfAny(substitute, taskGroups)) {
        tasks.setAssignee(task.getId(), null);
      }
      withdrawn++;
    }
    return withdrawn;
  }

  /** Whether another running substitution still gives the substitute a task of these groups. */
  private boolean stillStandsIn(String substitute, List<String> taskGroups) {
    Date today = Date.valueOf(LocalDate.now(clock));
    return jdbc
        .queryForList(
            "SELECT absent_user FROM substitution WHERE substitute = ? AND starts_on <= ?"
                + " AND ends_on >= ?",
            String.class,
            substitute,
            today,
            today)
        .stream()
        .anyMatch(absent -> memberOfAny(absent, taskGroups));
  }

  private boolean memberOfAny(String user, List<String> groups) {
    return !groups.isEmpty()
        && withoutAuthorization(
                () ->
                    identity
                        .createGroupQuery()
                        .groupMember(user)
                        .groupIdIn(groups.toArray(String[]::new))
                        .count())
            > 0;
  }

  /**
   * Who answers for the reviewer: the head group of each unit the reviewer belongs to; for
   * reviewers outside the units (the office, finance, leadership) the foreign affairs office, which
   * runs reviews.
   */
  private List<String> headsOf(String reviewer) {
    List<String> heads =
        withoutAuthorization(
                () ->
                    identity
                        .createGroupQuery()
                        .groupMember(reviewer)
                        .groupType(RoleGroups.UNIT_TYPE)
                        .unlimitedList())
            .stream()
            .map(unit -> RoleGroups.unitHeads(unit.getId()))
            .toList();
    return heads.isEmpty() ? List.of(RoleGroups.FOREIGN_AFFAIRS_OFFICE) : heads;
  }

  /**
   * A new task is offered to the substitutes of its candidates; a completion by a substitute notes
   * for whom.
   */
  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE) // before the new-task mail, so the substitutes hear of it too
  void onTaskEvent(DelegateTask task) {
    if (!TripProcess.isTrip(task.getProcessDefinitionId())) {
      return;
    }
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      for (String substitute : substitutesFor(task)) {
        task.addCandidateUser(substitute);
      }
    } else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
      Authentication actor = identity.getCurrentAuthentication();
      if (actor != null) {
        Set<String> absent = standingInFor(actor.getUserId(), task);
        if (!absent.isEmpty()) {
          task.getExecution().setVariableLocal(ON_BEHALF_OF, String.join(",", absent));
        }
      }
    }
  }

  private Set<String> substitutesFor(DelegateTask task) {
    Set<String> candidates = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      candidates.add(task.getAssignee());
    }
    for (String group : candidateGroups(task)) {
      withoutAuthorization(() -> identity.createUserQuery().memberOfGroup(group).unlimitedList())
          .forEach(user -> candidates.add(user.getId()));
    }
    if (candidates.isEmpty()) {
      return Set.of();
    }
    // one query for all of them: a group of thirty was asked about thirty times at each new task
    Date today = Date.valueOf(LocalDate.now(clock));
    List<Object> arguments = new ArrayList<>(candidates);
    arguments.add(today);
    arguments.add(today);
    return new LinkedHashSet<>(
        jdbc.queryForList(
            "SELECT substitute FROM substitution WHERE absent_user IN ("
                + String.join(", ", Collections.nCopies(candidates.size(), "?"))
                + ") AND starts_on <= ? AND ends_on >= ? ORDER BY id",
            String.class,
            arguments.toArray()));
  }

  /**
   * Whom the actor stands in for on this task: none when the task is theirs by their own groups.
   */
  private Set<String> standingInFor(String actor, DelegateTask task) {
    List<String> groups = candidateGroups(task);
    if (groups.isEmpty()
        || withoutAuthorization(
                () ->
                    identity
                        .createGroupQuery()
                        .groupMember(actor)
                        .groupIdIn(groups.toArray(String[]::new))
                        .count())
            > 0) {
      return Set.of();
    }
    Date today = Date.valueOf(LocalDate.now(clock));
    Set<String> absent = new LinkedHashSet<>();
    for (String absentUser :
        jdbc.queryForList(
            "SELECT absent_user FROM substitution WHERE substitute = ?"
                + " AND starts_on <= ? AND ends_on >= ?",
            String.class,
            actor,
            today,
            today)) {
      if (withoutAuthorization(
              () ->
                  identity
                      .createGroupQuery()
                      .groupMember(absentUser)
                      .groupIdIn(groups.toArray(String[]::new))
                      .count())
          > 0) {
        absent.add(absentUser);
      }
    }
    return absent;
  }

  private static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream()
        .map(IdentityLink::getGroupId)
        .filter(g -> g != null)
        .toList();
  }

  /**
   * The groups whose work a substitute must already share: the task groups, and all unit heads as
   * one.
   */
  private Set<String> reviewGroups(String user) {
    Set<String> groups = reviewerGroups(user);
    if (withoutAuthorization(
            () ->
                identity
                    .createGroupQuery()
                    .groupMember(user)
                    .groupId(RoleGroups.UNIT_HEADS)
                    .count())
        > 0) {
      groups.add(RoleGroups.UNIT_HEADS);
    }
    return groups;
  }

  private Set<String> reviewerGroups(String user) {
    Set<String> groups = new LinkedHashSet<>();
    for (Group group : identity.createGroupQuery().groupMember(user).unlimitedList()) {
      String id = group.getId();
      if (id.startsWith(RoleGroups.UNIT_HEAD_PREFIX)
          || id.equals(RoleGroups.FOREIGN_AFFAIRS_OFFICE)
          || id.equals(RoleGroups.FINANCE)
          || id.equals(RoleGroups.LEADERSHIP)) {
        groups.add(id);
      }
    }
    return groups;
  }

  private static <T> T withoutAuthorization(Supplier<T> query) {
    return Context.getCommandContext() == null
        ? query.get()
        : Context.getCommandContext().runWithoutAuthorization(query::get);
  }

  /** Only reviewers have tasks to hand over. */
  public static class NotAReviewerException extends RuntimeException implements Refusal {
    NotAReviewerException() {
      super("只有审批人可以指定代理人 / only reviewers name substitutes");
    }

    @Override
    public int status() {
      return 403;
    }
  }

  private String json(Object details) {
    try {
      return mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record " + details, e);
    }
  }
}
