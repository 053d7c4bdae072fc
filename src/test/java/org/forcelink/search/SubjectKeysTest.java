package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    @Test
    void namesAreComparedWithoutCaseAccentsSpacesOrPunctuation() {
        assertThat(SubjectKeys.name("O'Súilleabháin", "Pádraig", "1979-03-17"))
                .isEqualTo(SubjectKeys.name("o suilleabhain", "PADRAIG", "1979-03-17"))
                .isEqualTo("name:OSUILLEABHAIN|PADRAIG|1979-03-17");
    }

    @Test
    void aLogKeyIsAPncIdOrSurnameForenameAndDateOfBirth() {
        assertThat(SubjectKeys.parse(" 2008/0123456x ")).hasValue("pnc:2008/0123456X");
        assertThat(SubjectKeys.parse("Brannigan, Callum ,1990-02-14")).hasValue("name:BRANNIGAN|CALLUM|1990-02-14");
        assertThat(SubjectKeys.parse("Brannigan,Callum")).isEmpty();
        assertThat(SubjectKeys.parse("Brannigan,Callum,14/02/1990")).isEmpty();
        assertThat(SubjectKeys.parse(",Callum,1990-02-14")).isEmpty();
        assertThat(SubjectKeys.parse("2008/012345X")).isEmpty();
        assertThat(SubjectKeys.parse(null)).isEmpty();
    }
}
