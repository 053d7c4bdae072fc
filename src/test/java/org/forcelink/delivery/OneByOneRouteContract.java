package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsConstants;
import org.forcelink.ForceLinkHeaders;
import org.junit.jupiter.api.Test;

/**
 * What every recipient route that sends records one by one must do: send exactly the recipient's
 * format of the record and record the delivery; dead-letter at once, with the original record and the
 * cause, what the recipient refuses; retry a fault inside the hub, then dead-letter; and leave a record
 * on its queue (rolled back, not dead-lettered) when the hub stops while it waits.
 */
abstract class OneByOneRouteContract extends OutboundRouteTestSupport {

    OneByOneRouteContract(String recipient) {
        super(recipient);
    }

    /** A canonical record this recipient is entitled to (with message id 1111...). */
    abstract String input() throws Exception;

    /** Exactly what the recipient is sent for {@link #input()}. */
    abstract String expectedBody() throws Exception;

    abstract String contentType();

    static final String MESSAGE_ID = "11111111-1111-4111-8111-111111111111";
    static final String SECOND_ID = "22222222-2222-4222-8222-222222222222";

    @Test
    void sendsExactlyTheRecipientsFormatAndRecordsTheDelivery() throws Exception {
        startRoute();

        Exchange result = deliver(input());

        assertThat(result.getException()).isNull();
        assertThat(sent).singleElement().satisfies(exchange -> {
            assertThat(body(exchange)).isEqualTo(expectedBody());
            assertThat(exchange.getIn().getHeader(Exchange.CONTENT_TYPE)).isEqualTo(contentType());
            assertThat(exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID)).isEqualTo(MESSAGE_ID);
        });
        assertThat(journey.events()).containsExactly(
                new Event(MESSAGE_ID, "delivered", routeId(), recipient, "HTTP 200 from test"));
        assertThat(deadLetters.getReceivedExchanges()).isEmpty();
    }

    @Test
    void aRedeliveryOfAMessageTheRecipientAlreadyHasIsNotSentAgain() throws Exception {
        startRoute();

        Exchange first = deliver(input());
        // The broker delivers the message again: the hub sent it but lost the broker before the commit.
        Exchange again = deliver(input());

        assertThat(first.getException()).isNull();
        assertThat(again.getException()).isNull();
        assertThat(sent).hasSize(1);
        assertThat(journey.events()).containsExactly(
                new Event(MESSAGE_ID, "delivered", routeId(), recipient, "HTTP 200 from test"));
    }

    @Test
    void aRecordTheRecipientRefusesIsDeadLetteredAtOnceWithTheOriginalRecordAndTheCause() throws Exception {
        recipientAnswers = exchange -> {
            throw new RecipientRefusedException("HTTP 400 from " + recipient + ": schema violation at line 3");
        };
        startRoute();
        String input = input();
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedBodiesReceived(input);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.MESSAGE_ID, MESSAGE_ID);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.RECIPIENT, recipient);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.FAILURE_CAUSE,
                "HTTP 400 from " + recipient + ": schema violation at line 3");
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + MESSAGE_ID);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.SUBJECT, "pnc:2008/0123456X");
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.GROUP_ID, "pnc:2008/0123456X");
        // toD to jms: is optimised into the static endpoint plus the resolved name in this header.
        deadLetters.expectedHeaderReceived(JmsConstants.JMS_DESTINATION_NAME, "dlq." + recipient);

        Exchange result = deliver(input);

        deadLetters.assertIsSatisfied();
        // The original record came back without Camel copying every message of every route for it.
        assertThat(context.isAllowUseOriginalMessage()).isFalse();
        // Handled: the consumer's transaction commits, so the broker does not redeliver on top.
        assertThat(result.getException()).isNull();
        assertThat(sent).hasSize(1);
        assertThat(journey.events()).containsExactly(new Event(MESSAGE_ID, "failed", routeId(), recipient,
                "dead-lettered to dlq." + recipient + ": HTTP 400 from " + recipient + ": schema violation at line 3"));
    }

    @Test
    void aFaultInsideTheHubIsRetriedThenDeadLettered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        recipientAnswers = exchange -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("connection pool exhausted");
        };
        startRoute();
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedBodiesReceived(input());
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.FAILURE_CAUSE,
                "IllegalStateException: connection pool exhausted");

        Exchange result = deliver(input());

        deadLetters.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        assertThat(attempts).hasValue(1 + MAXIMUM_REDELIVERIES);
        assertThat(journey.events()).containsExactly(new Event(MESSAGE_ID, "failed", routeId(), recipient,
                "dead-lettered to dlq." + recipient + ": IllegalStateException: connection pool exhausted"));
    }

    @Test
    void aRecordWaitingWhenTheHubStopsIsRolledBackOntoItsQueueNotDeadLettered() throws Exception {
        recipientAnswers = exchange -> {
            throw new DeliveryInterruptedException("the hub is stopping");
        };
        startRoute();

        Exchange result = deliver(input());

        assertThat(result.getException()).isInstanceOf(DeliveryInterruptedException.class);
        assertThat(sent).hasSize(1);
        assertThat(deadLetters.getReceivedExchanges()).isEmpty();
        assertThat(journey.events()).isEmpty();
    }

    @Test
    void eachRecordOfABatchIsDeliveredOnItsOwnAndOneRefusedCostsNoOther() throws Exception {
        recipientAnswers = exchange -> {
            if (MESSAGE_ID.equals(exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID))) {
                throw new RecipientRefusedException("HTTP 400 from " + recipient + ": schema violation at line 3");
            }
            return RecipientAnswer.delivered("HTTP 200 from test");
        };
        startRoute();
        String first = input();
        String second = input().replace(MESSAGE_ID, SECOND_ID);
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedBodiesReceived(first);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.MESSAGE_ID, MESSAGE_ID);
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + MESSAGE_ID);
        // The record's own message group, not its batch's group of subjects.
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.GROUP_ID, "pnc:2008/0123456X");
        deadLetters.expectedHeaderReceived(ForceLinkHeaders.RECORDS, null);

        Exchange result = deliverBatch(List.of(first, second));

        deadLetters.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        assertThat(sent).hasSize(2);
        assertThat(body(sent.get(1))).isEqualTo(expectedBody().replace(MESSAGE_ID, SECOND_ID));
        assertThat(sent.get(1).getIn().getHeader(ForceLinkHeaders.MESSAGE_ID)).isEqualTo(SECOND_ID);
        assertThat(journey.events()).containsExactly(
                new Event(MESSAGE_ID, "failed", routeId(), recipient, "dead-lettered to dlq." + recipient
                        + ": HTTP 400 from " + recipient + ": schema violation at line 3"),
                new Event(SECOND_ID, "delivered", routeId(), recipient, "HTTP 200 from test"));
    }

    @Test
    void aBatchTheHubStopsInIsRolledBackWholeAndWhatWasDeliveredIsNotSentAgain() throws Exception {
        recipientAnswers = exchange -> {
            if (SECOND_ID.equals(exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID))) {
                throw new DeliveryInterruptedException("the hub is stopping");
            }
            return RecipientAnswer.delivered("HTTP 200 from test");
        };
        startRoute();
        List<String> batch = List.of(input(), input().replace(MESSAGE_ID, SECOND_ID));

        Exchange interrupted = deliverBatch(batch);
        recipientAnswers = exchange -> RecipientAnswer.delivered("HTTP 200 from test");
        Exchange again = deliverBatch(batch);

        assertThat(interrupted.getException()).isInstanceOf(DeliveryInterruptedException.class);
        assertThat(again.getException()).isNull();
        assertThat(sent).extracting(exchange -> exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID))
                .containsExactly(MESSAGE_ID, SECOND_ID, SECOND_ID);
        assertThat(deadLetters.getReceivedExchanges()).isEmpty();
        assertThat(journey.events()).containsExactly(
                new Event(MESSAGE_ID, "delivered", routeId(), recipient, "HTTP 200 from test"),
                new Event(SECOND_ID, "delivered", routeId(), recipient, "HTTP 200 from test"));
    }
}
