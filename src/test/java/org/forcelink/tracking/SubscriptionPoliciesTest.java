package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionPoliciesTest {

    @TempDir
    Path dir;

    @Test
    void aRecipientsPolicyVersionChangesWithItsEntryOnlyAndMayBeNamed() throws Exception {
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, "recipients:\n  pnd:\n    recordTypes: [crime, custody]\n  cps:\n"
                + "    recordTypes: [caseFile]\n    policyVersion: cps-2026-11\n");
        SubscriptionPolicies before = SubscriptionPolicies.load(file);
        Files.writeString(file, "recipients:\n  pnd:\n    recordTypes: [crime, custody, nominal]\n  cps:\n"
                + "    policyVersion: cps-2026-11\n    recordTypes: [caseFile]\n");
        SubscriptionPolicies after = SubscriptionPolicies.load(file);

        assertThat(before.versionOf("pnd")).matches("sha256:[0-9a-f]{12}");
        assertThat(after.versionOf("pnd")).matches("sha256:[0-9a-f]{12}").isNotEqualTo(before.versionOf("pnd"));
        assertThat(before.versionOf("cps")).isEqualTo("cps-2026-11").isEqualTo(after.versionOf("cps"));
        assertThat(after.versionOf("nobody")).isEqualTo("unknown");
        assertThat(SubscriptionPolicies.load(file).versionOf("pnd")).isEqualTo(after.versionOf("pnd"));
    }
}
