package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.forcelink.reliability.AuditFeed.Delivery;
import org.forcelink.reliability.Sender.Submission;

/**
 * The counts a crash test asserts, in the manner of Artemis's soak tests: sent, accepted, and per
 * recipient the distinct records delivered, the raw deliveries, the duplicates (one message id
 * delivered more than once: a redelivery after a crash, recognisable by its id), the lost (accepted,
 * entitled, never delivered) and the unexpected (delivered but never accepted for that recipient, which
 * includes one record delivered under two message ids).
 */
final class DeliveryTally {

    private final String test;
    private final Sender sender;
    private final List<Submission> submissions;
    private final Map<String, List<Delivery>> feeds;

    DeliveryTally(String test, Sender sender, Map<String, List<Delivery>> feeds) {
        this.test = test;
        this.sender = sender;
        this.submissions = sender.submissions();
        this.feeds = new TreeMap<>(feeds);
    }

    Set<String> expected(String recipient) {
        return submissions.stream().filter(Submission::accepted)
                .filter(s -> s.record.recipients().contains(recipient))
                .map(s -> s.messageId).collect(Collectors.toCollection(HashSet::new));
    }

    Set<String> delivered(String recipient) {
        return feeds.get(recipient).stream().map(Delivery::messageId).collect(Collectors.toCollection(HashSet::new));
    }

    Set<String> lost(String recipient) {
        Set<String> lost = expected(recipient);
        lost.removeAll(delivered(recipient));
        return lost;
    }

    Set<String> unexpected(String recipient) {
        Set<String> unexpected = delivered(recipient);
        unexpected.removeAll(expected(recipient));
        return unexpected;
    }

    /** Message ids delivered more than once to the recipient, with how many times. */
    Map<String, Integer> duplicates(String recipient) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        feeds.get(recipient).forEach(d -> counts.merge(d.messageId(), 1, Integer::sum));
        counts.values().removeIf(n -> n == 1);
        return counts;
    }

    /** Subjects whose versions did not arrive in increasing order (first delivery of each message id). */
    Map<String, List<Integer>> outOfOrder(String recipient) {
        Map<String, List<Integer>> versions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : feeds.get(recipient)) {
            if (seen.add(delivery.messageId())) {
                versions.computeIfAbsent(delivery.subject(), s -> new ArrayList<>()).add(delivery.version());
            }
        }
        Map<String, List<Integer>> wrong = new TreeMap<>();
        versions.forEach((subject, list) -> {
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i) <= list.get(i - 1)) {
                    wrong.put(subject, list);
                    break;
                }
            }
        });
        return wrong;
    }

    /** The counts in one line, printed and appended to target/reliability/counts.txt. */
    String report(String extra) {
        StringBuilder line = new StringBuilder(test).append(": sent=").append(submissions.size())
                .append(" accepted=").append(submissions.stream().filter(Submission::accepted).count())
                .append(" answers503=").append(sender.unavailable())
                .append(" noAnswer=").append(sender.connectionFailures())
                .append(" replayed202=").append(sender.replayed());
        for (String recipient : feeds.keySet()) {
            line.append(" delivered[").append(recipient).append("]=").append(delivered(recipient).size())
                    .append(" raw[").append(recipient).append("]=").append(feeds.get(recipient).size())
                    .append(" duplicates[").append(recipient).append("]=")
                    .append(feeds.get(recipient).size() - delivered(recipient).size())
                    .append(" lost[").append(recipient).append("]=").append(lost(recipient).size())
                    .append(" unexpected[").append(recipient).append("]=").append(unexpected(recipient).size());
        }
        line.append(extra);
        Set<String> duplicated = new LinkedHashSet<>();
        feeds.keySet().forEach(r -> duplicates(r).forEach((id, n) -> duplicated.add(r + ":" + id + "x" + n)));
        String text = line + (duplicated.isEmpty() ? "" : System.lineSeparator() + test + ": duplicated "
                + duplicated.stream().limit(50).collect(Collectors.joining(" ")));
        Processes.report(text);
        return text;
    }

    /** Every record was accepted, and each recipient got each accepted record it is entitled to, once by message id. */
    void assertNothingLostNothingExtra() {
        assertThat(sender.otherAnswers()).as("answers other than 202, 429 and 503").isEmpty();
        assertThat(submissions).as("records never accepted")
                .filteredOn(s -> !s.accepted()).extracting(s -> s.record.idempotencyKey() + ": " + s.failure)
                .isEmpty();
        for (String recipient : feeds.keySet()) {
            assertThat(lost(recipient)).as("accepted records never delivered to " + recipient).isEmpty();
            assertThat(unexpected(recipient)).as("deliveries to " + recipient
                    + " of message ids never accepted for it (a record delivered under a second message id)").isEmpty();
            assertThat(delivered(recipient)).as("distinct records delivered to " + recipient)
                    .hasSameSizeAs(expected(recipient));
        }
    }

    /** No recipient got any message twice. */
    void assertNoDuplicates() {
        for (String recipient : feeds.keySet()) {
            assertThat(duplicates(recipient)).as("message ids delivered to " + recipient + " more than once").isEmpty();
        }
    }

    void assertOrderPerSubject() {
        for (String recipient : feeds.keySet()) {
            assertThat(outOfOrder(recipient)).as("subjects whose versions reached " + recipient + " out of order")
                    .isEmpty();
        }
    }
}
