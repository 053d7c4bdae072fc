package org.forcelink.ingest.file;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.forcelink.HubProperties;
import org.forcelink.ingest.IngestService;
import org.forcelink.registry.ForceRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the beans the {@code file-drop-in} route calls by name: the inbox and the file answerer. */
@Configuration(proxyBeanMethods = false)
class FileDropConfiguration {

    @Bean
    InboxAlerts inboxAlerts(Clock clock, ObjectProvider<MeterRegistry> meters) {
        InboxAlerts alerts = new InboxAlerts(clock);
        meters.ifAvailable(registry -> Gauge.builder("forcelink.inbox.unregistered.folders", alerts, InboxAlerts::count)
                .description("Inbox folders not read because no registered file-drop system matches them")
                .register(registry));
        return alerts;
    }

    @Bean
    Inbox inbox(HubProperties hub, FileDropProperties fileDrop, ForceRegistry registry, InboxAlerts alerts) {
        return new Inbox(hub.dataPath(), registry, alerts, fileDrop.stableMillis(), System::nanoTime);
    }

    @Bean
    FileDrop fileDrop(IngestService ingest, ForceRegistry registry, FileDropProperties fileDrop, Clock clock) {
        return new FileDrop(ingest, registry, fileDrop.maxFileBytes(), clock);
    }
}
