package org.forcelink.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling the API, as the controllers need it: a force (by its bearer token) or an operator
 * (however authenticated: HTTP Basic now, a form login or OIDC later), the roles held and the force the
 * caller is limited to. Built from standard authorities only, so any Spring Security login that grants
 * {@code ROLE_VIEWER/OPERATOR/ADMIN} and, for a force-scoped operator, {@code FORCE_<code>} works.
 */
public record Caller(String name, boolean isForce, Set<String> roles, String forceScope) {

    /** Authority prefix naming the one force a caller is limited to. */
    public static final String FORCE_SCOPE_PREFIX = "FORCE_";

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller");
        }
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        String scope = authorities.stream().filter(a -> a.startsWith(FORCE_SCOPE_PREFIX))
                .map(a -> a.substring(FORCE_SCOPE_PREFIX.length())).findFirst().orElse(null);
        Set<String> roles = authorities.stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                .collect(Collectors.toUnmodifiableSet());
        if (authentication instanceof ForceTokenAuthentication force) {
            return new Caller(force.credential().id(), true, roles, force.credential().force());
        }
        return new Caller(authentication.getName(), false, roles, scope);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** True when the caller may see records of this force. */
    public boolean sees(String force) {
        return forceScope == null || forceScope.equals(force);
    }

    /** True when the caller sees every force's records (an operator without a force scope). */
    public boolean seesAllForces() {
        return forceScope == null;
    }
}
