package org.tripapproval.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTenantCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Makes the {@link LoginCache} ({@link KeptLogins}) forget what it keeps whenever a user (a new
 * password, a lock lifted), a group, a membership or a tenant changes through the engine: before
 * the change, and again once it is done, so that a login checked meanwhile is not kept with what
 * was before.
 */
@Component
class LoginCachePlugin extends AbstractProcessEnginePlugin {

  private static final List<Class<?>> IDENTITY_CHANGES =
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
          DeleteTenantGroupMembershipCmd.class);

  private final KeptLogins logins;

  LoginCachePlugin(KeptLogins logins) {
    this.logins = logins;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new ForgetLoginsOnIdentityChange());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private final class ForgetLoginsOnIdentityChange extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (IDENTITY_CHANGES.stream().noneMatch(type -> type.isInstance(command))) {
        return next.execute(command);
      }
      logins.forgetAll();
      try {
        return next.execute(command);
      } finally {
        logins.forgetAll();
      }
    }
  }
}
