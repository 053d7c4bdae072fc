package org.forcelink.search;

/**
 * Names of the exchange properties the subject search routes use. Properties, not headers: they hold
 * objects that never leave the hub, and a header would be sent to the force system as an HTTP header.
 */
public final class SearchExchange {

    /** The {@link SubjectSearch} being answered. */
    public static final String SEARCH = "forcelinkSearch";
    /** Its {@link SearchCollector}. */
    public static final String COLLECTOR = "forcelinkSearchCollector";
    /** The {@link ForceQuery} one sub-exchange sends. */
    public static final String FORCE_QUERY = "forcelinkForceQuery";
    /** The Camel http endpoint URI of that query: the force system's URL with its timeouts. */
    public static final String QUERY_URI = "forcelinkQueryUri";
    /** When the query was sent (System.nanoTime), for its elapsed time. */
    public static final String QUERY_SENT = "forcelinkQuerySent";

    /** HTTP header of every query to a force system: the search id, for the force's own audit trail. */
    public static final String SEARCH_ID_HTTP_HEADER = "X-ForceLink-Search-Id";

    private SearchExchange() {}
}
