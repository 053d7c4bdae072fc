package org.forcelink.quarantine;

import java.time.Clock;
import org.forcelink.ingest.IngestService;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.tracking.JourneyRecorder;
import org.forcelink.tracking.QuarantineStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires resubmission of quarantined input. */
@Configuration(proxyBeanMethods = false)
class QuarantineConfiguration {

    @Bean
    Resubmissions resubmissions(QuarantineStore quarantine, ForceRegistry registry, IngestService ingest,
            JourneyRecorder journey, Clock clock) {
        return new Resubmissions(quarantine, registry, ingest, journey, clock);
    }
}
