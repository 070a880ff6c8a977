package org.tripapproval.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tripapproval.identity.LoginCache.Login;

/**
 * The logins the {@link LoginCache} keeps, each for {@code trips.security.login-cache} (default 5
 * seconds; 0 keeps nothing), under a salted digest of the password, never the password itself.
 * Apart from the cache so that the engine's plugin can make it forget without needing the engine.
 */
@Component
class KeptLogins {

  private record Kept(byte[] digest, Login login, Instant until) {}

  private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();
  private final byte[] salt = new byte[32];
  private final Duration lifetime;
  private final Clock clock;

  KeptLogins(@Value("${trips.security.login-cache:5s}") Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
    new SecureRandom().nextBytes(salt);
  }

  Optional<Login> find(String user, String password) {
    Kept known = kept.get(user);
    if (known == null
        || !clock.instant().isBefore(known.until())
        || !MessageDigest.isEqual(known.digest(), digest(user, password))) {
      return Optional.empty();
    }
    return Optional.of(known.login());
  }

  void keep(String password, Login login) {
    if (!lifetime.isZero() && !lifetime.isNegative()) {
      kept.put(
          login.user(),
          new Kept(digest(login.user(), password), login, clock.instant().plus(lifetime)));
    }
  }

  void forget(String user) {
    kept.remove(user);
  }

  void forgetAll() {
    kept.clear();
  }

  private byte[] digest(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return sha.digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }
}
