package org.forcelink.search;

/**
 * Who asks: today a force credential (kind {@code credential}, id e.g. {@code kent-hub}, its force); the
 * same shape holds an operator (kind {@code operator}, the login, the operator's force or null) once
 * operators log in, so entitlement and the search log need no change then.
 */
public record SearchCaller(String kind, String id, String force) {

    public static final String CREDENTIAL = "credential";
    public static final String OPERATOR = "operator";

    public static SearchCaller credential(String id, String force) {
        return new SearchCaller(CREDENTIAL, id, force);
    }
}
