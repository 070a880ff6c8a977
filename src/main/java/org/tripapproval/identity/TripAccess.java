package org.tripapproval.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Per-trip access: the applicant may read their own trip (and no one else's) through Tasklist and
 * /engine-rest. Granted by the engine itself when the trip starts; the applicant could not.
 */
@Component
public class TripAccess {

  private final AuthorizationService authorizations;

  TripAccess(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  public void grantApplicant(String processInstanceId, String applicant) {
    Context.getCommandContext()
        .runWithoutAuthorization(
            () -> {
              Authorization read = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
              read.setUserId(applicant);
              read.setResource(Resources.PROCESS_INSTANCE);
              read.setResourceId(processInstanceId);
              read.addPermission(Permissions.READ);
              authorizations.saveAuthorization(read);
              return null;
            });
  }
}
