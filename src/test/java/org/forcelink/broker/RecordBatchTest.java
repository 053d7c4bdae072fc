package org.forcelink.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.forcelink.ForceLinkHeaders;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    private static final RecordBatch.Item FIRST = new RecordBatch.Item("{\"crime\":{\"crimeReference\":\"46/1\"}}",
            Map.of(ForceLinkHeaders.MESSAGE_ID, "m-1"));
    private static final RecordBatch.Item SECOND = new RecordBatch.Item("{\"crime\":{\"note\":\"two\\nlines\"}}",
            Map.of(ForceLinkHeaders.MESSAGE_ID, "m-2"));

    private final CamelContext context = new DefaultCamelContext();

    @Test
    void aBatchIsTwoLinesPerRecordHeadersThenRecord() {
        String body = RecordBatch.encode(List.of(FIRST, SECOND));

        assertThat(body).isEqualTo("""
                {"forcelinkMessageId":"m-1"}
                {"crime":{"crimeReference":"46/1"}}
                {"forcelinkMessageId":"m-2"}
                {"crime":{"note":"two\\nlines"}}
                """);
        assertThat(RecordBatch.decode(body)).containsExactly(FIRST, SECOND);
    }

    @Test
    void runsStayUnderTheLargeMessageSizeInOrderAndARecordLargerThanThatGoesAlone() {
        int third = RecordBatch.MAX_CHARS / 3;
        List<Integer> sizes = List.of(third, third, third, 1, third, RecordBatch.MAX_CHARS + 1, 5);

        List<List<Integer>> runs = RecordBatch.runs(sizes, size -> size);

        assertThat(runs).containsExactly(List.of(third, third, third, 1), List.of(third),
                List.of(RecordBatch.MAX_CHARS + 1), List.of(5));
    }

    @Test
    void aRecordThatIsNotOnOneLineIsRefused() {
        RecordBatch.Item pretty = new RecordBatch.Item("{\n  \"crime\": {}\n}", Map.of());

        assertThatThrownBy(() -> RecordBatch.encode(List.of(FIRST, pretty)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a record in a batch must be compact JSON on one line");
    }

    @Test
    void aBatchCutShortSaysWhere() {
        String cut = RecordBatch.encode(List.of(FIRST, SECOND)).replaceFirst("\\{\"crime\":\\{\"note.*\n$", "");

        assertThatThrownBy(() -> RecordBatch.decode(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch message ends inside its record 2");
    }

    @Test
    void eachRecordOfABatchCarriesTheMessagesHeadersAndItsOwnButNotTheBatchsOwn() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(RecordBatch.encode(List.of(FIRST, SECOND)));
        exchange.getIn().setHeaders(Map.of(ForceLinkHeaders.RECORDS, 2, ForceLinkHeaders.DUPLICATE_ID, "canonical:m-1+2:0",
                ForceLinkHeaders.GROUP_ID, "subjects-3", "JMSRedelivered", true));

        List<Message> records = RecordBatch.records(exchange);

        assertThat(records).extracting(Message::getBody).containsExactly(FIRST.body(), SECOND.body());
        assertThat(records).extracting(Message::getHeaders).containsExactly(
                Map.of(ForceLinkHeaders.GROUP_ID, "subjects-3", "JMSRedelivered", true, ForceLinkHeaders.MESSAGE_ID, "m-1"),
                Map.of(ForceLinkHeaders.GROUP_ID, "subjects-3", "JMSRedelivered", true, ForceLinkHeaders.MESSAGE_ID, "m-2"));
    }

    @Test
    void aMessageOfOneRecordGivesACopyOfItselfAndKeepsTheOriginal() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(FIRST.body());
        exchange.getIn().setHeader(ForceLinkHeaders.MESSAGE_ID, "m-1");

        List<Message> records = RecordBatch.records(exchange);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record).isNotSameAs(exchange.getIn());
            assertThat(record.getBody()).isEqualTo(FIRST.body());
            assertThat(record.getHeaders()).isEqualTo(Map.of(ForceLinkHeaders.MESSAGE_ID, "m-1"));
        });
        assertThat(exchange.getIn().getExchange()).isSameAs(exchange);
    }
}
