package org.tripapproval.identity;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

/**
 * Who logged in with which password a moment ago, and their groups and tenants, so that a script
 * calling the APIs many times does not cost the engine a password check and two queries per call
 * (issue 19). Only successful logins are kept ({@link KeptLogins}, 5 seconds by default); they are
 * forgotten at once on this node when a user, group, membership or tenant changes through the
 * engine ({@link LoginCachePlugin}) or a login of the user fails. A change made on another node, or
 * in the database or a directory directly, acts here when the kept login expires.
 */
@Component
public class LoginCache {

  /** A login as the engine answered it. */
  public record Login(String user, List<String> groups, List<String> tenants) {}

  private final KeptLogins kept;
  private final IdentityService identity;

  LoginCache(KeptLogins kept, IdentityService identity) {
    this.kept = kept;
    this.identity = identity;
  }

  /**
   * The user's login with this password: kept, or checked by the engine (with its lockout counting
   * failed attempts) and then kept; empty when the engine refuses it.
   */
  public Optional<Login> login(String user, String password) {
    Optional<Login> known = kept.find(user, password);
    if (known.isPresent()) {
      return known;
    }
    if (!identity.checkPassword(user, password)) {
      kept.forget(user);
      return Optional.empty();
    }
    Login login =
        new Login(
            user,
            identity.createGroupQuery().groupMember(user).unlimitedList().stream()
                .map(Group::getId)
                .toList(),
            identity
                .createTenantQuery()
                .userMember(user)
                .includingGroupsOfUser(true)
                .unlimitedList()
                .stream()
                .map(Tenant::getId)
                .toList());
    kept.keep(password, login);
    return Optional.of(login);
  }
}
