package org.forcelink.ingest.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.ingest.IdempotencyStore;
import org.forcelink.ingest.IngestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jms-in route template (routes/jms-in.camel.yaml) made into kent's custody route the way the hub
 * makes it, with the real JMS source bean and ingest gate; only the inbound queue, the acknowledgement
 * queue and the broker behind the ingest gate are replaced.
 */
class JmsInRouteTest extends CamelTestSupport {

    private static final String INBOUND = "direct:inbound";
    private static final long MAX_RECORD_BYTES = 5 * 1024 * 1024;

    private final IngestFixture fixture = new IngestFixture();
    private MockEndpoint acks;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @BeforeEach
    void loadRoute() throws Exception {
        context.getRegistry().bind("jmsRecords", new JmsRecords(fixture.ingest, fixture.registry, MAX_RECORD_BYTES));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/jms-in.camel.yaml"));
        new JmsInboundRoutes(fixture.registry).afterApplicationStart(context);
        assertThat(context.getRouteDefinitions()).extracting(r -> r.getRouteId())
                .contains("jms-in.kent.custody");
        // Only kent's custody route is under test; the other systems' routes would need a broker.
        context.removeRouteDefinitions(context.getRouteDefinitions().stream()
                .filter(r -> !"jms-in.kent.custody".equals(r.getRouteId())).toList());
        AdviceWith.adviceWith(context, "jms-in.kent.custody", route -> {
            route.replaceFromWith(INBOUND);
            route.weaveById("ack-queue").replace().to("mock:acks");
        });
        context.start();
        acks = getMockEndpoint("mock:acks");
    }

    private static TextMessage text(String messageId, String correlationId, String body) throws JMSException {
        TextMessage message = mock(TextMessage.class);
        when(message.getJMSMessageID()).thenReturn(messageId);
        when(message.getJMSCorrelationID()).thenReturn(correlationId);
        when(message.getText()).thenReturn(body);
        return message;
    }

    private Exchange receive(jakarta.jms.Message message) {
        // Properties a sender set travel as headers; none of them may decide the force or reach the answer.
        return template.send(INBOUND, exchange -> {
            exchange.getIn().setBody(message);
            exchange.getIn().setHeaders(Map.of("forcelinkForce", "essex", "JMSReplyTo", "queue://elsewhere"));
        });
    }

    private JsonNode ack(int index) throws Exception {
        return CanonicalJson.mapper().readTree(acks.getReceivedExchanges().get(index).getIn().getBody(String.class));
    }

    @Test
    void recordIsAcceptedAndAcknowledgedOnTheForcesAckQueueCorrelatedByItsCorrelationId() throws Exception {
        String body = new String(IngestFixture.caseFile("custody-with-medication", "input.json"),
                StandardCharsets.UTF_8);

        Exchange result = receive(text("ID:1", "kent-custody-46MA-01873-26", body));

        assertThat(result.getException()).isNull();
        assertThat(acks.getReceivedExchanges()).hasSize(1);
        JsonNode ack = ack(0);
        String messageId = ack.get("messageId").asText();
        assertThat(ack).isEqualTo(CanonicalJson.mapper().readTree("""
                {"messageId": "%s", "status": "ACCEPTED", "receivedAt": "2026-11-28T22:00:00Z", "exceptions": []}
                """.formatted(messageId)));
        assertThat(acks.getReceivedExchanges().get(0).getIn().getHeaders()).isEqualTo(Map.of(
                "JMSCorrelationID", "kent-custody-46MA-01873-26",
                "forcelinkMessageId", messageId,
                "forcelinkStatus", "ACCEPTED",
                "forcelinkForce", "kent",
                "forcelinkSystem", "custody"));
        assertThat(fixture.queue.sent).singleElement().satisfies(sent -> assertThat(sent.body())
                .isEqualTo(IngestFixture.expectedCanonical("custody-with-medication", "custody", messageId)));
    }

    @Test
    void messageWithoutCorrelationIdIsAnsweredUnderItsMessageId() throws Exception {
        receive(text("ID:2", null, IngestFixture.caseLine("nominal")));

        assertThat(acks.getReceivedExchanges().get(0).getIn().getHeader("JMSCorrelationID")).isEqualTo("ID:2");
    }

    @Test
    void unparseableMessageGetsARejectedAckAndTheNextMessageIsStillTaken() throws Exception {
        Exchange bad = receive(text("ID:3", "bad", "{\"envelope\": "));
        Exchange good = receive(text("ID:4", "good", IngestFixture.caseLine("nominal")));

        assertThat(bad.getException()).isNull();
        assertThat(good.getException()).isNull();
        JsonNode rejected = ack(0);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-UNPARSEABLE");
        assertThat(acks.getReceivedExchanges().get(0).getIn().getHeader("JMSCorrelationID")).isEqualTo("bad");
        assertThat(fixture.quarantine.kept).singleElement().satisfies(kept -> {
            assertThat(kept.messageId()).isEqualTo(rejected.get("messageId").asText());
            assertThat(kept.payload()).isEqualTo("{\"envelope\": ");
            assertThat(kept.force()).isEqualTo("kent");
        });
        assertThat(ack(1).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(fixture.queue.sent).hasSize(1);
    }

    @Test
    void messageTypeThatCarriesNoRecordIsRejectedWithoutBeingRead() throws Exception {
        MapMessage map = mock(MapMessage.class);
        when(map.getJMSMessageID()).thenReturn("ID:5");

        receive(map);

        JsonNode ack = ack(0);
        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(ack.get("exceptions").get(0).get("message").asText())
                .isEqualTo("a record is sent as a TextMessage or a BytesMessage; this message carries none"
                        + " (a MapMessage)");
        assertThat(fixture.quarantine.kept).singleElement()
                .satisfies(kept -> assertThat(kept.payload()).isEmpty());
    }

    @Test
    void bytesMessageIsReadByteForByte() throws Exception {
        byte[] body = IngestFixture.caseFile("crime-two-offences", "input.json");
        BytesMessage bytes = mock(BytesMessage.class);
        when(bytes.getJMSMessageID()).thenReturn("ID:6");
        when(bytes.getBodyLength()).thenReturn((long) body.length);
        when(bytes.readBytes(any(byte[].class))).thenAnswer(call -> {
            System.arraycopy(body, 0, call.getArgument(0, byte[].class), 0, body.length);
            return body.length;
        });

        receive(bytes);

        String messageId = ack(0).get("messageId").asText();
        assertThat(fixture.queue.body(messageId))
                .isEqualTo(IngestFixture.expectedCanonical("crime-two-offences", "custody", messageId));
    }

    @Test
    void recordOverFiveMebibytesIsRejectedAndNotKept() throws Exception {
        BytesMessage bytes = mock(BytesMessage.class);
        when(bytes.getJMSMessageID()).thenReturn("ID:7");
        when(bytes.getBodyLength()).thenReturn(MAX_RECORD_BYTES + 1);

        receive(bytes);

        JsonNode ack = ack(0);
        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(ack.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-LIMIT");
        assertThat(ack.get("exceptions").get(0).get("message").asText())
                .isEqualTo("the body exceeds a limit: a record may be at most 5242880 bytes; this one was not kept");
    }

    @Test
    void redeliveredMessageGetsItsFirstAnswerAgainAndIsNotForwardedTwice() throws Exception {
        String body = IngestFixture.caseLine("nominal");

        receive(text("ID:8", "c-8", body));
        receive(text("ID:8", "c-8", body));

        assertThat(ack(1).get("messageId")).isEqualTo(ack(0).get("messageId"));
        assertThat(acks.getReceivedExchanges().get(1).getIn().getHeader("forcelinkReplayed")).isEqualTo(true);
        assertThat(fixture.queue.sent).hasSize(1);
    }

    @Test
    void recordTheBrokerCouldNotTakeFailsTheExchangeSoTheBrokerRedeliversIt() throws Exception {
        fixture.queue.refuse = true;

        Exchange result = receive(text("ID:9", "c-9", IngestFixture.caseLine("nominal")));

        assertThat(result.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the record could not be made durable; nothing was accepted, retry");
        assertThat(acks.getReceivedExchanges()).isEmpty();
        // The message's key is given up, so the broker's redelivery takes it over under the same message id.
        assertThat(fixture.idempotency.keys.values()).singleElement()
                .satisfies(entry -> assertThat(entry.httpStatus()).isEqualTo(IdempotencyStore.GAVE_UP));
    }
}
