package org.forcelink.search.stub;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** How each force's stub behaves: answers normally unless told to be slow, fail or know nothing. */
public final class StubBehaviours {

    /** What a force's stub does with a query. */
    public enum Mode {
        /** Answers from its sample data at once. */
        NORMAL,
        /** Answers from its sample data after {@code delayMs}. */
        SLOW,
        /** Answers with its format's failure (an HTTP error, a SOAP fault). */
        FAIL,
        /** Answers that it knows nothing of the subject. */
        EMPTY
    }

    /** A force's behaviour; {@code delayMs} is used when slow. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Behaviour(Mode mode, Long delayMs) {

        public static final Behaviour NORMAL = new Behaviour(Mode.NORMAL, null);
    }

    private final Map<String, Behaviour> byForce = new ConcurrentHashMap<>();

    public Behaviour of(String force) {
        return byForce.getOrDefault(force, Behaviour.NORMAL);
    }

    public void set(String force, Behaviour behaviour) {
        if (behaviour.mode() == Mode.NORMAL) {
            byForce.remove(force);
        } else {
            byForce.put(force, behaviour);
        }
    }

    /** Every force that does not behave normally. */
    public Map<String, Behaviour> all() {
        return new TreeMap<>(byForce);
    }

    public void reset() {
        byForce.clear();
    }
}
