package org.forcelink.search.stub;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.forcelink.HubProperties;
import org.forcelink.config.ReloadStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded force query stubs, only when {@code forcelink.search.stubs.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "forcelink.search.stubs.enabled", havingValue = "true")
class StubConfiguration {

    @Bean
    StubDefinitions stubDefinitions(HubProperties properties, ReloadStatus status) {
        return new StubDefinitions(ForceQueryStubs.queriesDir(properties.homeDir()), status);
    }

    @Bean
    StubBehaviours stubBehaviours() {
        return new StubBehaviours();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService stubScheduler() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "query-stub");
            thread.setDaemon(true);
            return thread;
        });
    }
}
