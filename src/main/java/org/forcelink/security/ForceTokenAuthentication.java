package org.forcelink.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A force's bearer token: unauthenticated as read from the request, authenticated (holding the force
 * credential, with {@code ROLE_FORCE} and the force's scope) once {@link ForceTokenAuthenticationProvider}
 * has resolved it.
 */
public final class ForceTokenAuthentication extends AbstractAuthenticationToken {

    private final transient String token;
    private final Credential credential;

    private ForceTokenAuthentication(String token, Credential credential) {
        super(credential == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_FORCE"),
                new SimpleGrantedAuthority(Caller.FORCE_SCOPE_PREFIX + credential.force())));
        this.token = token;
        this.credential = credential;
        setAuthenticated(credential != null);
    }

    public static ForceTokenAuthentication unauthenticated(String token) {
        return new ForceTokenAuthentication(token, null);
    }

    public static ForceTokenAuthentication authenticated(Credential credential) {
        return new ForceTokenAuthentication(null, credential);
    }

    public Credential credential() {
        return credential;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return credential;
    }

    @Override
    public String getName() {
        return credential == null ? "" : credential.id();
    }
}
