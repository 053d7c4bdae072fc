package org.forcelink.search;

/** One query of a search to one force system: the body of a sub-exchange of the scatter-gather. */
public record ForceQuery(SubjectSearch search, QueryTarget target, SearchCollector collector) {

    @Override
    public String toString() {
        return "ForceQuery[" + search.searchId() + " -> " + target.name() + "]";
    }
}
