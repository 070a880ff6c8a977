package org.tripapproval.web;

import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.tripapproval.identity.RoleGroups;

/**
 * Spring Security guards the project's own endpoints (/api, /mail): HTTP Basic against the engine's
 * users (never challenged for), or the login of the Camunda webapps' session (CamundaWebappLogin),
 * which changes state only with the header a cross-site form cannot send (CrossSiteRequestGuard).
 * Everything else is left to Camunda: the webapps have their own login and CSRF protection,
 * /engine-rest its own authentication filter (EngineRestAuthentication). The auditors' pages under
 * /audit, the applicants' My trips under /trips and the disclosure boards under /disclosure are
 * static; their data comes from /api.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

  static final String ADMINISTRATORS = "GROUP_camunda-admin";
  static final String AUDITORS = "GROUP_auditors";
  static final String APPLICANTS = "GROUP_applicants";
  static final String FINANCE = "GROUP_" + RoleGroups.FINANCE;

  @Bean
  @Order(1)
  SecurityFilterChain projectEndpoints(HttpSecurity http, ApiRefusals refusals) throws Exception {
    return http.securityMatcher("/api/**", "/actuator/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    // a load balancer asks for health without a login; the metrics are for
                    // administrators
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAuthority(ADMINISTRATORS)
                    .requestMatchers("/api/notifications/**")
                    .hasAuthority(ADMINISTRATORS)
                    // moving trips in flight to the newest version of the model
                    .requestMatchers("/api/admin/**")
                    .hasAuthority(ADMINISTRATORS)
                    // reviewers read every unit's plan; an applicant only their own unit's, to
                    // choose the entry a request is for
                    .requestMatchers(HttpMethod.GET, "/api/plans/{unit}/**")
                    .access(WebSecurity::mayReadPlan)
                    .requestMatchers("/api/plans/**")
                    .hasAuthority(ADMINISTRATORS)
                    // the per-diem standards and rates: read by anyone logged in, loaded by
                    // finance and administrators
                    .requestMatchers(HttpMethod.GET, "/api/per-diem/**")
                    .authenticated()
                    .requestMatchers(
                        HttpMethod.POST, "/api/per-diem/standards", "/api/per-diem/rates")
                    .hasAnyAuthority(ADMINISTRATORS, FINANCE)
                    .requestMatchers("/api/per-diem/**")
                    .denyAll()
                    .requestMatchers(HttpMethod.GET, "/api/calendar/**")
                    .authenticated()
                    .requestMatchers("/api/calendar/**")
                    .hasAuthority(ADMINISTRATORS)
                    // the auditors' login page asks before anyone is logged in (from our script
                    // only)
                    .requestMatchers(HttpMethod.GET, WebappCsrfToken.PATH)
                    .permitAll()
                    // the personnel directory: searched by anyone logged in to pick a delegation's
                    // members; listed and loaded by administrators
                    .requestMatchers(HttpMethod.GET, "/api/people")
                    .authenticated()
                    .requestMatchers("/api/people/**")
                    .hasAuthority(ADMINISTRATORS)
                    // passports in custody: kept by the foreign affairs office, read by the
                    // auditors
                    .requestMatchers(HttpMethod.GET, "/api/passports", "/api/passports/**")
                    .hasAnyAuthority(OFFICE, AUDITORS)
                    .requestMatchers("/api/passports", "/api/passports/**")
                    .hasAuthority(OFFICE)
                    // names for ids (people, units) and the caller's own units, for the forms
                    .requestMatchers(HttpMethod.GET, "/api/directory/**")
                    .authenticated()
                    // the words of statuses, decisions and levels, for every page and form
                    .requestMatchers(HttpMethod.GET, "/api/vocabulary")
                    .authenticated()
                    // My trips: an applicant's own trips and their withdrawal
                    .requestMatchers("/api/my-trips", "/api/my-trips/**")
                    .hasAuthority(APPLICANTS)
                    // the disclosure boards: a unit's for its members and the foreign affairs
                    // office; an objection only from a member of the trip's unit
                    .requestMatchers(HttpMethod.GET, "/api/disclosure")
                    .authenticated()
                    .requestMatchers(HttpMethod.GET, "/api/disclosure/{unit}")
                    .access(WebSecurity::mayReadBoard)
                    .requestMatchers(
                        HttpMethod.POST, "/api/disclosure/{unit}/trips/{trip}/objections")
                    .access(WebSecurity::mayObject)
                    .requestMatchers("/api/disclosure", "/api/disclosure/**")
                    .denyAll()
                    // the approval documents: the trip's applicant (checked per trip), the office
                    // and the auditors download; anyone may verify one, without a login (ADR 0019)
                    .requestMatchers(HttpMethod.GET, "/api/documents/{trip}")
                    .hasAnyAuthority(APPLICANTS, OFFICE, AUDITORS)
                    .requestMatchers(HttpMethod.POST, "/api/document-verification")
                    .permitAll()
                    .requestMatchers("/api/documents/**", "/api/document-verification")
                    .denyAll()
                    .requestMatchers(HttpMethod.GET, "/api/audit/**")
                    .hasAuthority(AUDITORS)
                    .requestMatchers("/api/audit/**")
                    .denyAll()
                    .anyRequest()
                    .authenticated())
        // the session logs the caller in; a change riding it needs X-Requested-With
        .addFilterBefore(new CamundaWebappLogin(), BasicAuthenticationFilter.class)
        .addFilterAfter(new CrossSiteRequestGuard(refusals), CamundaWebappLogin.class)
        // a refusal answers in both languages and is in the trail
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(refusals))
        // 401 without a Basic challenge: browsers never cache Basic credentials; scripts send them
        // unasked
        .httpBasic(basic -> basic.authenticationEntryPoint(new NoBasicChallenge()))
        // CrossSiteRequestGuard is the CSRF defence: Spring's token would break the scripts' curl
        // calls
        .csrf(csrf -> csrf.disable())
        // the login (and its new session id) happened in the webapps: a call here must not change
        // the id,
        // or Tasklist's own calls in flight with the old cookie would find themselves logged out
        .sessionManagement(
            session ->
                session
                    .sessionCreationPolicy(SessionCreationPolicy.NEVER)
                    .sessionFixation(fixation -> fixation.none()))
        .securityContext(
            context ->
                context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .build();
  }

  private static final Set<String> PLAN_READERS =
      Set.of(ADMINISTRATORS, "GROUP_foreign-affairs-office", "GROUP_unit-heads");

  /** Administrators and reviewers read every plan; a member of a unit reads that unit's. */
  static AuthorizationDecision mayReadPlan(
      Supplier<Authentication> caller, RequestAuthorizationContext request) {
    Authentication authentication = caller.get();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    String unit = "GROUP_" + request.getVariables().get("unit");
    return new AuthorizationDecision(
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(authority -> PLAN_READERS.contains(authority) || authority.equals(unit)));
  }

  private static final String OFFICE = "GROUP_foreign-affairs-office";

  /** A unit's disclosure board: its members and the foreign affairs office. */
  static AuthorizationDecision mayReadBoard(
      Supplier<Authentication> caller, RequestAuthorizationContext request) {
    return holdsAnyOf(caller, "GROUP_" + request.getVariables().get("unit"), OFFICE);
  }

  /** An objection to a trip of a unit: its members only. */
  static AuthorizationDecision mayObject(
      Supplier<Authentication> caller, RequestAuthorizationContext request) {
    return holdsAnyOf(caller, "GROUP_" + request.getVariables().get("unit"));
  }

  private static AuthorizationDecision holdsAnyOf(
      Supplier<Authentication> caller, String... authorities) {
    Authentication authentication = caller.get();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    Set<String> wanted = Set.of(authorities);
    return new AuthorizationDecision(
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(wanted::contains));
  }

  /**
   * /mail, the mail the embedded server received, for the logged-in user only (MailInbox): the
   * webapps' login (a browser that is not logged in is sent to the login page and back), or HTTP
   * Basic sent unasked by a script. Read-only. The page may frame its own mails (each mail's answer
   * carries its own, stricter policy: a sandbox without scripts); nobody else may frame it.
   */
  @Bean
  @Order(0)
  SecurityFilterChain mailPages(
      HttpSecurity http, ApiRefusals refusals, @Value("${trips.security.hsts:false}") boolean hsts)
      throws Exception {
    return http.securityMatcher("/mail", "/mail/**")
        .authorizeHttpRequests(
            requests ->
                requests.requestMatchers(HttpMethod.GET).authenticated().anyRequest().denyAll())
        .addFilterBefore(new CamundaWebappLogin(), BasicAuthenticationFilter.class)
        .exceptionHandling(
            exceptions ->
                exceptions
                    .accessDeniedHandler(refusals)
                    .authenticationEntryPoint(new LoginPageOrUnauthorized()))
        .httpBasic(basic -> basic.authenticationEntryPoint(new NoBasicChallenge()))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            session ->
                session
                    .sessionCreationPolicy(SessionCreationPolicy.NEVER)
                    .sessionFixation(fixation -> fixation.none()))
        .securityContext(
            context ->
                context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .headers(
            headers -> {
              // a mail's own answer sets its policy first; this one is the page's
              headers.contentSecurityPolicy(csp -> csp.policyDirectives(MAIL_PAGE_POLICY));
              headers.frameOptions(frame -> frame.sameOrigin());
              headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
              if (!hsts) {
                headers.httpStrictTransportSecurity(transport -> transport.disable());
              }
            })
        .build();
  }

  static final String MAIL_PAGE_POLICY =
      "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /**
   * The project's own pages: a strict content security policy (no inline script), no framing, HSTS
   * where set.
   */
  @Bean
  @Order(2)
  SecurityFilterChain auditorsPages(
      HttpSecurity http, @Value("${trips.security.hsts:false}") boolean hsts) throws Exception {
    return http.securityMatcher(
            "/audit",
            "/audit/**",
            "/trips",
            "/trips/**",
            "/disclosure",
            "/disclosure/**",
            "/passports",
            "/passports/**",
            "/verify",
            "/verify/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(
            headers -> {
              headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGES_POLICY));
              headers.frameOptions(frame -> frame.deny());
              headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
              if (hsts) {
                headers.httpStrictTransportSecurity(
                    transport -> transport.maxAgeInSeconds(31536000).includeSubDomains(true));
              } else {
                headers.httpStrictTransportSecurity(transport -> transport.disable());
              }
            })
        .build();
  }

  /** One setting, trips.security.hsts, for the Camunda webapps' own security headers too. */
  @Bean
  static BeanPostProcessor webappHsts(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof CamundaBpmProperties camunda) {
          boolean hsts = environment.getProperty("trips.security.hsts", Boolean.class, false);
          camunda.getWebapp().getHeaderSecurity().setHstsDisabled(!hsts);
        }
        return bean;
      }
    };
  }

  static final String PAGES_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(3)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }
}
