package org.tripapproval.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class LoginCacheTest {

  static final String USER = "login.cache";
  static final String PASSWORD = "Right-Password-1";

  @Autowired IdentityService identity;
  @Autowired LoginCache logins;
  @Autowired KeptLogins kept;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void aUserInAGroup() {
    User user = identity.newUser(USER);
    user.setFirstName("缓存");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.saveGroup(identity.newGroup("login-cache-group"));
    identity.createMembership(USER, "login-cache-group");
  }

  @AfterEach
  void removeThem() {
    identity.deleteUser(USER);
    identity.deleteGroup("login-cache-group");
  }

  @Test
  void keepsALoginForItsLifetimeAndNoLonger() {
    Instant[] now = {Instant.parse("2026-12-03T09:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    LoginCache kept = new LoginCache(new KeptLogins(Duration.ofSeconds(5), clock), identity);
    assertThat(kept.login(USER, PASSWORD)).isPresent();

    changedBehindTheEnginesBack();
    now[0] = now[0].plusSeconds(4);
    assertThat(kept.login(USER, PASSWORD)).as("kept for 5 seconds").isPresent();

    now[0] = now[0].plusSeconds(2);
    assertThat(kept.login(USER, PASSWORD)).as("checked again after 5 seconds").isEmpty();
  }

  @Test
  void keepsNothingWhenItsLifetimeIsZero() {
    LoginCache none = new LoginCache(new KeptLogins(Duration.ZERO, Clock.systemUTC()), identity);
    assertThat(none.login(USER, PASSWORD)).isPresent();

    changedBehindTheEnginesBack();

    assertThat(none.login(USER, PASSWORD)).isEmpty();
  }

  @Test
  void aNewPasswordActsAtOnce() {
    assertThat(logins.login(USER, PASSWORD)).isPresent();

    User user = identity.createUserQuery().userId(USER).singleResult();
    user.setPassword("Another-Password-2");
    identity.saveUser(user);

    // the new one first: after a failed attempt the engine delays the next login
    assertThat(logins.login(USER, "Another-Password-2")).isPresent();
    assertThat(logins.login(USER, PASSWORD)).isEmpty();
  }

  @Test
  void aMembershipEndedActsAtOnce() {
    assertThat(logins.login(USER, PASSWORD).orElseThrow().groups()).contains("login-cache-group");

    identity.deleteMembership(USER, "login-cache-group");

    assertThat(logins.login(USER, PASSWORD).orElseThrow().groups())
        .doesNotContain("login-cache-group");
  }

  @Test
  void aFailedLoginIsNotKeptAndMakesTheUsersKeptLoginForgotten() {
    assertThat(logins.login(USER, PASSWORD)).isPresent();
    assertThat(kept.find(USER, PASSWORD)).isPresent();

    assertThat(logins.login(USER, "Wrong-Password")).isEmpty();

    assertThat(kept.find(USER, "Wrong-Password")).isEmpty();
    assertThat(kept.find(USER, PASSWORD)).isEmpty();
  }

  /** As a change made on another node, or in the database directly, would be. */
  private void changedBehindTheEnginesBack() {
    jdbc.update("UPDATE ACT_ID_USER SET PWD_ = '{SHA-512}changed-elsewhere' WHERE ID_ = ?", USER);
  }
}
