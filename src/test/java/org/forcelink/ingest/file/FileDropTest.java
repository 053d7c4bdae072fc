package org.forcelink.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileDropTest {

    @Test
    void aFileIsArchivedAcknowledgedAndLoggedUnderANameThatIsOnlyEverOnePlainSegment() {
        assertThat(FileDrop.safeName("custody-export-1.jsonl")).isEqualTo("custody-export-1.jsonl");
        assertThat(FileDrop.safeName("Custody Export 28 Nov.txt")).isEqualTo("Custody Export 28 Nov.txt");
        assertThat(FileDrop.safeName("x..\\..\\..\\tmp\\escape.jsonl")).isEqualTo("x.._.._.._tmp_escape.jsonl");
        assertThat(FileDrop.safeName("x%2e%2e%2fetc%2fpasswd.jsonl")).isEqualTo("x_2e_2e_2fetc_2fpasswd.jsonl");
        assertThat(FileDrop.safeName("nightly\nERROR forged \u001b[31m.jsonl")).isEqualTo("nightly_ERROR forged __31m.jsonl");
        assertThat(FileDrop.safeName("Ó Súilleabháin.csv")).isEqualTo("_ S_illeabh_in.csv");
    }
}
