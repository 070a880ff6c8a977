package org.tripapproval.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Whoever is logged in to the Camunda webapps (Cockpit, Tasklist) is logged in for the project's
 * pages and API too: one login, the same session. The groups become GROUP_<id> authorities. A
 * request that changes something reaches here only with X-Requested-With (CrossSiteRequestGuard
 * runs first), so that another site cannot make a logged-in browser do it.
 */
class CamundaWebappLogin extends OncePerRequestFilter {

  private static final String ENGINE = "default";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
      Authentication camunda =
          AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(ENGINE);
      if (camunda instanceof UserAuthentication user) {
        List<SimpleGrantedAuthority> groups =
            user.getGroupIds() == null
                ? List.of()
                : user.getGroupIds().stream()
                    .map(group -> new SimpleGrantedAuthority("GROUP_" + group))
                    .toList();
        SecurityContextHolder.getContext()
            .setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, groups));
      }
    }
    chain.doFilter(request, response);
  }
}
