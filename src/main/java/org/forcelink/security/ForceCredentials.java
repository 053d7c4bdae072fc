package org.forcelink.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.forcelink.registry.ForceConfig;
import org.forcelink.registry.ForceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves bearer tokens to credentials. Only SHA-256 hashes of tokens are kept; a token comes from the
 * environment variable a credential names, or in development mode from its declared development default.
 */
public final class ForceCredentials {

    private static final Logger log = LoggerFactory.getLogger(ForceCredentials.class);

    private volatile Map<String, Credential> byTokenHash;
    private final Function<String, String> environment;
    private final boolean devMode;

    private ForceCredentials(Map<String, Credential> byTokenHash, Function<String, String> environment,
            boolean devMode) {
        this.byTokenHash = Map.copyOf(byTokenHash);
        this.environment = environment;
        this.devMode = devMode;
    }

    /**
     * Builds the credential table. {@code environment} looks up environment variables; development
     * defaults are used (and printed once, so a developer can try the hub) only when {@code devMode}.
     */
    public static ForceCredentials from(ForceRegistry registry, Function<String, String> environment, boolean devMode) {
        return new ForceCredentials(table(registry, environment, devMode, true), environment, devMode);
    }

    /** Rebuilds the table after a force file changed; the old table answers until the new one is whole. */
    public void reload(ForceRegistry registry) {
        byTokenHash = Map.copyOf(table(registry, environment, devMode, false));
    }

    private static Map<String, Credential> table(ForceRegistry registry, Function<String, String> environment,
            boolean devMode, boolean printDevTokens) {
        Map<String, Credential> table = new HashMap<>();
        StringBuilder devTokens = new StringBuilder();
        for (ForceConfig force : registry.forces()) {
            for (ForceConfig.CredentialConfig config : force.credentials()) {
                String hash = config.tokenSha256();
                String fromEnv = config.tokenEnv() == null ? null : environment.apply(config.tokenEnv());
                if (fromEnv != null && !fromEnv.isBlank()) {
                    hash = sha256(fromEnv);
                } else if (hash == null && devMode && config.devToken() != null) {
                    hash = sha256(config.devToken());
                    devTokens.append(String.format("%n  %-28s force %-20s token %s", config.id(), force.force(),
                            config.devToken()));
                }
                if (hash == null) {
                    log.warn("credential {} of force {} has no token (set {}); it cannot authenticate",
                            config.id(), force.force(), config.tokenEnv());
                    continue;
                }
                Credential credential = new Credential(config.id(), force.force(),
                        new LinkedHashSet<>(List.copyOf(config.systems())));
                if (table.putIfAbsent(hash.toLowerCase(), credential) != null) {
                    throw new IllegalStateException("credential " + config.id() + " reuses another credential's token");
                }
            }
        }
        if (printDevTokens && !devTokens.isEmpty()) {
            log.info("Development mode: these development tokens are accepted (never use them in production):{}",
                    devTokens);
        }
        return table;
    }

    public Optional<Credential> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenHash.get(sha256(token)));
    }

    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
