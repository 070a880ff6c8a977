package org.tripapproval.identity;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Camunda's defaults, except that a new user may only read their own user, where Camunda grants
 * ALL: names and e-mail are what four eyes and the mail inbox go by, so administrators keep them.
 */
class ReadOnlyOwnUser extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newUser(User user) {
    return new AuthorizationEntity[] {
      createGrantAuthorization(user.getId(), null, USER, user.getId(), READ)
    };
  }
}
