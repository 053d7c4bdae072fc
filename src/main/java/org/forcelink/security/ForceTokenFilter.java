package org.forcelink.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request carrying {@code Authorization: Bearer <force token>}. A token that does not
 * resolve leaves the request anonymous: protected paths then answer 401 through the entry point, and
 * the HTTP source, which checks credentials itself in the order ARCHITECTURE 3.3 gives, answers its own.
 */
public final class ForceTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final AuthenticationManager authenticationManager;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ForceTokenFilter(AuthenticationManager authenticationManager) {
        this.authenticationManager = authenticationManager;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            try {
                Authentication result = authenticationManager.authenticate(
                        ForceTokenAuthentication.unauthenticated(header.substring(PREFIX.length()).trim()));
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(result);
                contexts.setContext(context);
            } catch (AuthenticationException e) {
                contexts.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
