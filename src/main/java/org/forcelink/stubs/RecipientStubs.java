package org.forcelink.stubs;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the recipient stubs have received and how each is told to behave: in memory, for the default run
 * and tests only. A stub stands in for one recipient's system; it can take records, fail (as if down),
 * be slow, answer NACK, or refuse records outright.
 */
public final class RecipientStubs {

    /** One record a stub took: the body as sent (SOAP: the record inside the envelope) and the headers that matter. */
    public record Received(Instant at, String messageId, String contentType, String authorization, String body) {}

    /** How a stub answers: take the record, fail as if down, take it slowly, answer NACK, or refuse it. */
    public enum Mode { OK, FAIL, SLOW, NACK, REFUSE }

    /** The current behaviour; {@code delayMillis} for SLOW, {@code reason} for NACK and REFUSE. */
    public record Behaviour(Mode mode, long delayMillis, String reason) {
        public static final Behaviour OK = new Behaviour(Mode.OK, 0, null);
    }

    /** The most records a stub keeps: the oldest go first, so a long default run does not fill the memory. */
    static final int KEEP = 1_000;

    /** One recipient's stub. */
    public static final class Stub {
        private volatile Behaviour behaviour = Behaviour.OK;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger references = new AtomicInteger();

        public Behaviour behaviour() {
            return behaviour;
        }

        public void behave(Behaviour behaviour) {
            this.behaviour = behaviour;
        }

        public List<Received> received() {
            return List.copyOf(received);
        }

        /** Every request, taken or not. */
        public int attempts() {
            return attempts.get();
        }

        int attempt() {
            return attempts.incrementAndGet();
        }

        /** Records a taken record and returns the stub's reference for it. */
        String take(Received record) {
            received.add(record);
            while (received.size() > KEEP) {
                received.remove(0);
            }
            return String.format("%06d", references.incrementAndGet());
        }

        public void clear() {
            received.clear();
            attempts.set(0);
        }
    }

    private final ConcurrentMap<String, Stub> stubs = new ConcurrentHashMap<>();

    public Stub of(String recipient) {
        return stubs.computeIfAbsent(recipient, id -> new Stub());
    }
}
