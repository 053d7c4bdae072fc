package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {

    private static final SubjectQuery QUERY = new SubjectQuery(null, "O'Brien \"Bud\" <Jr>", "Seán\nPat",
            LocalDate.parse("1979-03-17"), null, null);
    private static final Map<String, String> VALUES = RequestTemplate.values("s-1", "custody", "kent", QUERY);

    @Test
    void escapesEveryValueForItsBodyAfterItsFilters() {
        assertThat(RequestTemplate.compile("{\"n\": \"{{surname}}\", \"f\": \"{{forename}}\"}", RequestTemplate.Escape.JSON)
                .render(VALUES)).isEqualTo("{\"n\": \"O'Brien \\\"Bud\\\" <Jr>\", \"f\": \"Seán\\nPat\"}");
        assertThat(RequestTemplate.compile("<n a='{{surname}}'>{{surname|upper}}</n>", RequestTemplate.Escape.XML)
                .render(VALUES)).isEqualTo("<n a='O&apos;Brien &quot;Bud&quot; &lt;Jr&gt;'>O&apos;BRIEN &quot;BUD&quot; &lt;JR&gt;</n>");
        assertThat(RequestTemplate.compile("n={{surname}}&d={{dateOfBirth|date:dd/MM/yyyy}}", RequestTemplate.Escape.URL)
                .render(VALUES)).isEqualTo("n=O%27Brien+%22Bud%22+%3CJr%3E&d=17%2F03%2F1979");
    }

    @Test
    void padsCutsAndFillsFixedWidthFieldsAndKeepsOneLine() {
        String line = RequestTemplate.compile("Q{{forename|upper|pad:6}}{{pncId|pad:4}}{{custodyNumber|default:NONE}}|",
                RequestTemplate.Escape.NONE).render(VALUES);

        assertThat(line).isEqualTo("QSEÁN P    NONE|");
    }

    @Test
    void refusesUnknownNamesAndFilters() {
        assertThatThrownBy(() -> RequestTemplate.compile("{{nickname}}", RequestTemplate.Escape.NONE))
                .hasMessage("unknown placeholder {{nickname}}; known: custodyNumber, dateOfBirth, force, forename, "
                        + "pncId, purpose, searchId, surname");
        assertThatThrownBy(() -> RequestTemplate.compile("{{surname|shout}}", RequestTemplate.Escape.NONE))
                .hasMessage("unknown filter 'shout'; known: upper, lower, date:<pattern>, pad:<width>, default:<text>");
        assertThatThrownBy(() -> RequestTemplate.compile("{{surname|pad}}", RequestTemplate.Escape.NONE))
                .hasMessage("filter 'pad' needs an argument, e.g. pad:...");
    }
}
