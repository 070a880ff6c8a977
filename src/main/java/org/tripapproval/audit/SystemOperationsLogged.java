package org.tripapproval.audit;

import java.util.List;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTenantCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine writes its user operation log only for a logged-in user
 * (restrictUserOperationLogToAuthenticatedUsers). Changes to identity, authorizations and
 * deployments are logged whoever makes them, the Java API without a user included (the actor is
 * then empty: the system itself, e.g. at start-up); every other command keeps the engine's rule.
 */
class SystemOperationsLogged extends CommandInterceptor {

  private static final List<Class<?>> SYSTEM_COMMANDS =
      List.of(
          SaveUserCmd.class,
          DeleteUserCmd.class,
          UnlockUserCmd.class,
          SaveGroupCmd.class,
          DeleteGroupCmd.class,
          CreateMembershipCmd.class,
          DeleteMembershipCmd.class,
          SaveTenantCmd.class,
          DeleteTenantCmd.class,
          CreateTenantUserMembershipCmd.class,
          CreateTenantGroupMembershipCmd.class,
          DeleteTenantUserMembershipCmd.class,
          DeleteTenantGroupMembershipCmd.class,
          SaveAuthorizationCmd.class,
          DeleteAuthorizationCmd.class,
          DeployCmd.class,
          DeleteDeploymentCmd.class);

  @Override
  public <T> T execute(Command<T> command) {
    if (SYSTEM_COMMANDS.stream().noneMatch(type -> type.isInstance(command))) {
      return next.execute(command);
    }
    CommandContext context = Context.getCommandContext();
    boolean restricted = context.isRestrictUserOperationLogToAuthenticatedUsers();
    context.setRestrictUserOperationLogToAuthenticatedUsers(false);
    try {
      return next.execute(command);
    } finally {
      context.setRestrictUserOperationLogToAuthenticatedUsers(restricted);
    }
  }
}
