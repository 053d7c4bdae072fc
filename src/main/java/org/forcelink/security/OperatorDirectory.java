package org.forcelink.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The hub's operators, read from {@code config/operators.yaml}: name, bcrypt password hash, role and
 * optional force scope. Serves Spring Security as a {@link UserDetailsService}, so HTTP Basic now and a
 * form login later authenticate against the same list. Operators marked {@code development} (the samples,
 * whose passwords are documented) are accepted only in development mode.
 */
public final class OperatorDirectory implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(OperatorDirectory.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    /** One operator as configured. {@code force} is null for an operator who sees every force. */
    public record Operator(String username, OperatorRole role, String force, String passwordHash) {}

    private final Map<String, Operator> operators;

    public OperatorDirectory(List<Operator> operators) {
        Map<String, Operator> byName = new LinkedHashMap<>();
        operators.forEach(operator -> byName.put(operator.username(), operator));
        this.operators = Map.copyOf(byName);
    }

    /**
     * Reads the operators file; a missing file means no operators. {@code knownForce} tells valid force
     * codes; {@code environment} resolves {@code passwordBcryptEnv}.
     */
    public static OperatorDirectory load(Path file, Predicate<String> knownForce, Function<String, String> environment,
            boolean devMode) {
        if (!Files.exists(file)) {
            log.warn("no operators file {}: the operator API accepts nobody", file);
            return new OperatorDirectory(List.of());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read operators " + file, e);
        }
        List<Operator> operators = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> development = new ArrayList<>();
        for (JsonNode node : root.path("operators")) {
            String username = node.path("username").asText("");
            if (!USERNAME.matcher(username).matches()) {
                throw new IllegalStateException(file + ": username '" + username
                        + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
            }
            if (names.contains(username)) {
                throw new IllegalStateException(file + ": operator '" + username + "' is declared twice");
            }
            names.add(username);
            OperatorRole role;
            try {
                role = OperatorRole.parse(node.path("role").asText(null));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": operator '" + username + "': " + e.getMessage());
            }
            String force = node.hasNonNull("force") ? node.get("force").asText() : null;
            if (force != null && !knownForce.test(force)) {
                throw new IllegalStateException(file + ": operator '" + username + "' is scoped to unknown force '"
                        + force + "'");
            }
            if (node.path("development").asBoolean(false)) {
                if (!devMode) {
                    continue;
                }
                development.add(username);
            }
            String hash = node.hasNonNull("passwordBcrypt") ? node.get("passwordBcrypt").asText() : null;
            String env = node.hasNonNull("passwordBcryptEnv") ? node.get("passwordBcryptEnv").asText() : null;
            if (env != null && environment.apply(env) != null && !environment.apply(env).isBlank()) {
                hash = environment.apply(env).trim();
            }
            if (hash == null) {
                log.warn("operator {} has no password hash (set {}); it cannot log in", username, env);
                continue;
            }
            if (!BCRYPT.matcher(hash).matches()) {
                throw new IllegalStateException(file + ": operator '" + username + "' needs a bcrypt hash ($2a$, $2b$"
                        + " or $2y$ followed by the cost and 53 characters)");
            }
            operators.add(new Operator(username, role, force, hash));
        }
        if (!development.isEmpty()) {
            log.info("Development mode: the sample operators {} are accepted with the development passwords in"
                    + " docs/operations.md (never in production)", development);
        }
        return new OperatorDirectory(operators);
    }

    public Optional<Operator> operator(String username) {
        return Optional.ofNullable(operators.get(username));
    }

    public int size() {
        return operators.size();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Operator operator = operators.get(username);
        if (operator == null) {
            throw new UsernameNotFoundException("no such operator");
        }
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        operator.role().authorities().forEach(a -> authorities.add(new SimpleGrantedAuthority(a)));
        if (operator.force() != null) {
            authorities.add(new SimpleGrantedAuthority(Caller.FORCE_SCOPE_PREFIX + operator.force()));
        }
        return User.withUsername(operator.username()).password(operator.passwordHash()).authorities(authorities)
                .build();
    }
}
