package org.forcelink.search;

/**
 * One force system the hub asks: its query format, URL, own timeout and (optional) bearer token; or, when
 * its {@code query:} block cannot be used, the {@code problem} that keeps it from being asked, so that it
 * is reported as missing rather than silently left out.
 */
public record QueryTarget(
        String force, String system, QueryFormat format, String url, long timeoutMs, String token, String problem) {

    static QueryTarget unusable(String force, String system, String problem) {
        return new QueryTarget(force, system, null, null, 0, null, problem);
    }

    public boolean usable() {
        return problem == null;
    }

    /** force/system, the way the search log and messages name a target. */
    public String name() {
        return force + "/" + system;
    }

    @Override
    public String toString() {
        // Never print the token.
        return "QueryTarget[" + name() + (usable() ? " " + format.id() + " " + url : " unusable: " + problem) + "]";
    }
}
