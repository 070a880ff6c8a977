package org.tripapproval.identity;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** The engine's users and passwords for the project's endpoints; each group becomes GROUP_<id>. */
@Component
class EngineIdentityAuthentication implements AuthenticationProvider {

  private final LoginCache logins;

  EngineIdentityAuthentication(LoginCache logins) {
    this.logins = logins;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    LoginCache.Login login =
        user == null || !(password instanceof String secret)
            ? null
            : logins.login(user, secret).orElse(null);
    if (login == null) {
      throw new BadCredentialsException("用户名或密码错误 / wrong user name or password");
    }
    List<SimpleGrantedAuthority> groups =
        login.groups().stream().map(group -> new SimpleGrantedAuthority("GROUP_" + group)).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
