package org.forcelink.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.forcelink.HubProperties;
import org.forcelink.reference.ReferenceData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may call what. The API authenticates a force by its bearer token or an operator by HTTP Basic
 * against {@code config/operators.yaml}; roles decide the paths, and the services below narrow every
 * answer to the caller's force. The HTTP source ({@code POST /api/v1/records/**}) checks its bearer
 * token itself, because ARCHITECTURE 3.3 orders that check among the others. Everything outside
 * {@code /api} and {@code /actuator} (SOAP, the console) brings its own authentication. See
 * docs/decisions/0012-spring-security-for-forces-and-operators.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class WebSecurityConfiguration {

    @Bean
    OperatorDirectory operatorDirectory(HubProperties properties, ReferenceData reference) {
        return OperatorDirectory.load(properties.configDir().resolve("operators.yaml"),
                code -> reference.force(code).isPresent(), System::getenv, properties.devMode());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** One manager for force tokens and operator logins; a form login or OIDC login can reuse it. */
    @Bean
    AuthenticationManager authenticationManager(ForceCredentials credentials, OperatorDirectory operators,
            PasswordEncoder passwords) {
        DaoAuthenticationProvider operatorLogins = new DaoAuthenticationProvider(operators);
        operatorLogins.setPasswordEncoder(passwords);
        return new ProviderManager(List.of(new ForceTokenAuthenticationProvider(credentials), operatorLogins));
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager authentication, ObjectMapper json)
            throws Exception {
        ProblemWriter problems = new ProblemWriter(json);
        http.securityMatcher("/api/**", "/actuator/**")
                .authenticationManager(authentication)
                // A console session is honoured but never created here; its state-changing calls carry the
                // XSRF-TOKEN cookie's value. Calls with credentials of their own (Basic, bearer) need none.
                .csrf(csrf -> csrf.csrfTokenRepository(consoleCsrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(WebSecurityConfiguration::sessionCallChangingState))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .addFilterBefore(new ForceTokenFilter(authentication), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName("forcelink").authenticationEntryPoint(problems.unauthorized()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .authorizeHttpRequests(paths -> paths
                        // The records controller authenticates forces itself; other methods get 405 from it.
                        .requestMatchers("/api/v1/records/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/ops/audit").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/ops/dead-letters").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/messages", "/api/v1/messages/*")
                                .hasAnyRole("FORCE", "VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/messages/*/payload", "/api/v1/messages/*/views",
                                "/api/v1/disclosures").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/access-log").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/quarantine").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/quarantine/*").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.POST, "/api/v1/quarantine/*/resubmit").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/replays/*/items").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/replays", "/api/v1/replays/*").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/v1/replays/*/approve").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/replays", "/api/v1/replays/**").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/retention/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/v1/retention/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/ops/**").hasRole("VIEWER")
                        // Every operator endpoint has its rule above; an unknown path gets its 404 or 405.
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * The console: static pages behind a form login against the same operators, holding the login in a
     * session. Its pages call the API with that session and the XSRF-TOKEN cookie (docs/console.md).
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        http.securityMatcher("/console/**", "/console", "/login", "/logout")
                .authenticationManager(authentication)
                .csrf(csrf -> csrf.csrfTokenRepository(consoleCsrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .formLogin(form -> form.defaultSuccessUrl("/console/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .authorizeHttpRequests(paths -> paths
                        .requestMatchers("/login", "/logout").permitAll()
                        .requestMatchers("/console/**", "/console").hasRole("VIEWER"));
        return http.build();
    }

    /** The console's CSRF token travels in a cookie its scripts read and echo in X-XSRF-TOKEN. */
    private static CookieCsrfTokenRepository consoleCsrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookiePath("/");
        return tokens;
    }

    /** A state-changing call that relies on a session cookie rather than credentials of its own. */
    private static boolean sessionCallChangingState(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || "TRACE".equals(method);
        return !safe && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null;
    }

    /** Everything else is left to its own authentication (SOAP's WS-Security). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain otherPaths(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(paths -> paths.anyRequest().permitAll());
        return http.build();
    }
}
