package org.forcelink.delivery;

import org.forcelink.tracking.DeliveryLog;
import org.forcelink.tracking.JourneyRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the beans outbound routes call by name. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliveryTracker deliveryTracker(JourneyRecorder journey, DeliveryLog deliveryLog) {
        return new DeliveryTracker(journey, deliveryLog);
    }
}
