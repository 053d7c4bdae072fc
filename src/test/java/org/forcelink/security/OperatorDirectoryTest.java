package org.forcelink.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class OperatorDirectoryTest {

    private static final Path SAMPLE = Path.of("config/operators.yaml");

    @TempDir
    Path dir;

    @Test
    void sampleOperatorsHaveTheirRolesScopesAndDocumentedPasswordsInDevelopmentMode() {
        OperatorDirectory operators = OperatorDirectory.load(SAMPLE, Set.of("kent", "essex")::contains, name -> null,
                true);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

        Map<String, String> passwords = Map.of("admin", "admin-dev", "approver", "approver-dev", "operator",
                "operator-dev", "kent-operator", "kent-dev", "viewer", "viewer-dev");
        assertThat(operators.size()).isEqualTo(passwords.size());
        passwords.forEach((name, password) -> assertThat(bcrypt.matches(password,
                operators.loadUserByUsername(name).getPassword())).as(name).isTrue());
        assertThat(authorities(operators, "admin")).containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR",
                "ROLE_ADMIN");
        assertThat(authorities(operators, "kent-operator")).containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR",
                "FORCE_kent");
        assertThat(authorities(operators, "viewer")).containsExactly("ROLE_VIEWER");
    }

    @Test
    void developmentOperatorsAreNotAcceptedOutsideDevelopmentModeAndOthersTakeTheirHashFromTheEnvironment()
            throws Exception {
        String hash = new BCryptPasswordEncoder(4).encode("a long production password");
        Path file = dir.resolve("operators.yaml");
        Files.writeString(file, "operators:\n"
                + "  - {username: dev, role: admin, development: true, passwordBcrypt: '" + hash + "'}\n"
                + "  - {username: duty-inspector, role: operator, force: kent, passwordBcryptEnv: OPS_HASH}\n");

        OperatorDirectory production = OperatorDirectory.load(file, "kent"::equals,
                Map.of("OPS_HASH", hash)::get, false);

        assertThat(production.size()).isEqualTo(1);
        assertThat(production.operator("duty-inspector")).hasValueSatisfying(operator -> {
            assertThat(operator.role()).isEqualTo(OperatorRole.OPERATOR);
            assertThat(operator.force()).isEqualTo("kent");
        });
        assertThatThrownBy(() -> production.loadUserByUsername("dev")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void mistakesInTheFileStopTheHubWithTheReason() throws Exception {
        Path file = dir.resolve("operators.yaml");
        Files.writeString(file, "operators:\n  - {username: x, role: superuser, passwordBcrypt: nope}\n");
        assertThatThrownBy(() -> OperatorDirectory.load(file, f -> true, n -> null, true))
                .hasMessageEndingWith("operator 'x': role must be viewer, operator or admin, not 'superuser'");
        Files.writeString(file, "operators:\n  - {username: x, role: viewer, force: gotham, passwordBcrypt: nope}\n");
        assertThatThrownBy(() -> OperatorDirectory.load(file, "kent"::equals, n -> null, true))
                .hasMessageEndingWith("operator 'x' is scoped to unknown force 'gotham'");
        Files.writeString(file, "operators:\n  - {username: x, role: viewer, passwordBcrypt: plain-text}\n");
        assertThatThrownBy(() -> OperatorDirectory.load(file, f -> true, n -> null, true))
                .hasMessageContaining("operator 'x' needs a bcrypt hash");
    }

    private static Set<String> authorities(OperatorDirectory operators, String name) {
        return Set.copyOf(operators.loadUserByUsername(name).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList());
    }
}
