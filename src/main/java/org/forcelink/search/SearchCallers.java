package org.forcelink.search;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.forcelink.security.BearerToken;
import org.forcelink.security.ForceCredentials;

/**
 * The one place the search API decides who is calling. Today: a force's bearer token, as the record and
 * journey APIs take it. When operators log in (Spring Security), their principal is turned into a
 * {@link SearchCaller} here, and nothing else in the search package changes.
 */
public class SearchCallers {

    private final ForceCredentials credentials;

    public SearchCallers(ForceCredentials credentials) {
        this.credentials = credentials;
    }

    public Optional<SearchCaller> identify(HttpServletRequest request) {
        return BearerToken.authenticate(request, credentials)
                .map(credential -> SearchCaller.credential(credential.id(), credential.force()));
    }
}
