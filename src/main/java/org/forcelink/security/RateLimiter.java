package org.forcelink.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.forcelink.registry.ForceConfig;
import org.forcelink.registry.ForceRegistry;

/** Token bucket per force for the HTTP source: a force over its rate gets 429 with a Retry-After. */
public final class RateLimiter {

    private final ForceRegistry registry;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(ForceRegistry registry, LongSupplier nanoClock) {
        this.registry = registry;
        this.nanoClock = nanoClock;
    }

    /** Takes one request from the force's bucket; returns 0 when allowed, otherwise the seconds to wait. */
    public long tryAcquire(String force) {
        ForceConfig.RateLimit limit = registry.force(force).map(ForceConfig::rateLimit)
                .orElse(ForceConfig.RateLimit.DEFAULT);
        return buckets.computeIfAbsent(force, f -> new Bucket(limit, nanoClock.getAsLong())).take(nanoClock.getAsLong());
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(ForceConfig.RateLimit limit, long now) {
            this.perNano = limit.requestsPerSecond() / (double) TimeUnit.SECONDS.toNanos(1);
            this.capacity = Math.max(1, limit.burst());
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / TimeUnit.SECONDS.toNanos(1)));
        }
    }
}
