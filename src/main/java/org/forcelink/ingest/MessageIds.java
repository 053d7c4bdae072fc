package org.forcelink.ingest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids: time-ordered UUIDs (version 7 of RFC 9562). The first 48 bits are the milliseconds since
 * the epoch and the next 12 a counter within the millisecond, so ids made by one hub sort in the order
 * they were made, as text too. Every table of the tracking database is indexed by message id; with
 * random (version 4) ids each batch of journey rows touched a different index page per record, so the
 * database rewrote most of its index pages on every commit. Ordered ids add to the last pages instead.
 * The remaining 62 bits are random: ids stay unique across hubs. They are not secrets (every read of a
 * record is authorised by force), so they come from a fast random source.
 */
public final class MessageIds {

    /** The last stamp handed out: milliseconds shifted left 12 bits, plus the counter. */
    private static final AtomicLong LAST = new AtomicLong();

    private MessageIds() {}

    public static String next() {
        return nextUuid().toString();
    }

    static UUID nextUuid() {
        long now = System.currentTimeMillis() << 12;
        // More than 4,096 ids in one millisecond borrow from the next: order holds, the clock runs ahead briefly.
        long stamp = LAST.updateAndGet(previous -> Math.max(previous + 1, now));
        long high = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xFFFL);
        long low = ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
