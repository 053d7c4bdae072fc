package org.forcelink.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Turns a force's bearer token into an authenticated force principal, through {@link ForceCredentials}. */
public final class ForceTokenAuthenticationProvider implements AuthenticationProvider {

    private final ForceCredentials credentials;

    public ForceTokenAuthenticationProvider(ForceCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = (String) authentication.getCredentials();
        return credentials.authenticate(token).map(ForceTokenAuthentication::authenticated)
                .orElseThrow(() -> new BadCredentialsException("unknown bearer token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ForceTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
