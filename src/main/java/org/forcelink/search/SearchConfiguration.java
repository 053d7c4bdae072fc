package org.forcelink.search;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.forcelink.HubProperties;
import org.forcelink.config.ReloadStatus;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.ForceCredentials;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires federated subject search: the policy and query formats (both following edits), the force systems
 * to ask, the beans the routes call by name, and the thread pool the scatter-gather runs on.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    Reloadable<SearchPolicy> searchPolicy(HubProperties properties, ReferenceData reference, ReloadStatus status) {
        java.nio.file.Path file = properties.configDir().resolve("search.yaml");
        return new Reloadable<>("subject search policy", file, () -> SearchPolicy.read(file, reference), status,
                System::nanoTime);
    }

    @Bean
    QueryFormats queryFormats(HubProperties properties, SourceMappers mappers, ReloadStatus status) {
        return new QueryFormats(properties.homeDir().resolve("mappings").resolve("queries"), mappers::knows, status);
    }

    @Bean
    StubAddress stubAddress(SearchSettings settings) {
        return new StubAddress(settings.stubs().enabled());
    }

    @Bean
    QueryTargets queryTargets(ForceRegistry registry, QueryFormats formats, SearchSettings settings,
            StubAddress stubAddress) {
        return new QueryTargets(registry, formats, settings, stubAddress, System::getenv);
    }

    @Bean
    SearchCallers searchCallers(ForceCredentials credentials) {
        return new SearchCallers(credentials);
    }

    @Bean
    SubjectSearchService subjectSearchService(ProducerTemplate template, Reloadable<SearchPolicy> searchPolicy,
            QueryTargets targets, SearchSettings settings, MeterRegistry meters) {
        return new SubjectSearchService(template, searchPolicy, targets, settings, CLOCK, meters);
    }

    /** Called by the route subject-search: scatter and gather. */
    @Bean
    SubjectSearches subjectSearches(SearchSettings settings) {
        return new SubjectSearches(CLOCK, settings.answerReserveMs());
    }

    /** Called by the route subject-search-force: one force system's query. */
    @Bean
    ForceQueries forceQueries(SourceMappers mappers, SearchSettings settings) {
        return new ForceQueries(mappers, settings, CLOCK);
    }

    @Bean
    QueryEndpointWarmUp queryEndpointWarmUp(org.apache.camel.CamelContext camel, QueryTargets targets,
            ForceQueries queries) {
        return new QueryEndpointWarmUp(camel, targets, queries);
    }

    /** Called by the route subject-search: the search log. */
    @Bean
    SearchLog searchLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new SearchLog(jdbc, transactions, CLOCK);
    }

    /**
     * The threads that hand each search's queries to the pool below and wait for them to finish (at most
     * a force system's timeout), so that the search itself waits only until its deadline.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService subjectSearchScatterExecutor(SearchSettings settings) {
        return pool("subject-search-scatter-", settings.threads());
    }

    /**
     * The threads the scatter-gather asks force systems on; each blocks on one HTTP call at a time. Sized in
     * {@code forcelink.search.threads}; queries beyond it wait, and are not sent once their search is answered.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService subjectSearchExecutor(SearchSettings settings) {
        return pool("subject-search-", settings.threads());
    }

    private static ExecutorService pool(String name, int size) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
