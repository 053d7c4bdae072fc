package org.forcelink.tracking;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tracking scenarios' hub on the embedded H2 database (in PostgreSQL mode), the default store. */
public abstract class H2Hub extends TrackingHubSupport {

    private static final Path HOME = TrackingHome.create();
    private static final Path DATA = tempDir("forcelink-it-h2-");

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("forcelink.data-dir", DATA::toString);
        registry.add("forcelink.home", HOME::toString);
        registry.add("spring.artemis.broker-url", () -> "vm://11");
        registry.add("forcelink.broker.acceptor-url", () -> "tcp://127.0.0.1:" + freePort());
    }
}
