package org.forcelink.search;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Creates the HTTP endpoint of every force system that answers queries once the hub is up, so that the
 * first search does not spend its deadline building 44 HTTP clients (each with its own connection pool
 * and TLS set-up, some 10 to 30 ms apiece on a loaded machine). Nothing is sent to any force system.
 */
public class QueryEndpointWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(QueryEndpointWarmUp.class);

    private final CamelContext camel;
    private final QueryTargets targets;
    private final ForceQueries queries;

    public QueryEndpointWarmUp(CamelContext camel, QueryTargets targets, ForceQueries queries) {
        this.camel = camel;
        this.targets = targets;
        this.queries = queries;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        long started = System.nanoTime();
        List<QueryTarget> all = targets.all();
        int created = 0;
        for (QueryTarget target : all) {
            if (target.usable()) {
                camel.getEndpoint(queries.endpointUri(target));
                created++;
            } else {
                log.warn("force system {} answers no subject queries: {}", target.name(), target.problem());
            }
        }
        log.info("subject search: {} of {} answering force systems ready ({} ms)", created, all.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
