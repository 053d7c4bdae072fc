package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.forcelink.registry.ForceConfig;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.springframework.http.HttpStatus;

/**
 * The force systems that answer subject queries: every system in {@code config/forces/*.yaml} with a
 * {@code query:} block. Read from the registry at each search, so force files edited while the hub runs
 * take effect at the next search.
 *
 * <pre>
 *   query:
 *     transport: http-json                 # http-json, soap or http; must be the format's transport
 *     format: canonical-json-query         # a folder of mappings/queries/
 *     url: "{stubs}/forces/kent/custody/query"   # {stubs}: the embedded stubs of the default run
 *     timeoutMs: 3000                      # optional; default forcelink.search.timeout-ms
 *     tokenEnv: FORCELINK_QUERY_TOKEN_KENT # optional: a bearer token the hub presents
 * </pre>
 */
public class QueryTargets {

    public static final String STUBS = "{stubs}";

    private final ForceRegistry registry;
    private final QueryFormats formats;
    private final SearchSettings settings;
    private final Supplier<Optional<String>> stubBase;
    private final Function<String, String> environment;

    public QueryTargets(ForceRegistry registry, QueryFormats formats, SearchSettings settings,
            Supplier<Optional<String>> stubBase, Function<String, String> environment) {
        this.registry = registry;
        this.formats = formats;
        this.settings = settings;
        this.stubBase = stubBase;
        this.environment = environment;
    }

    /** The systems to ask for this query: every answering system, or those of the one force it names. */
    public List<QueryTarget> forQuery(SubjectQuery query) {
        List<QueryTarget> targets = new ArrayList<>();
        if (query.force() != null) {
            ForceConfig force = registry.force(query.force()).orElseThrow(() -> new SearchRefusal(
                    HttpStatus.BAD_REQUEST, "bad-search", "Bad Request",
                    "force '" + query.force() + "' is not connected to the hub"));
            addAll(force, targets);
            if (targets.isEmpty()) {
                throw new SearchRefusal(HttpStatus.BAD_REQUEST, "bad-search", "Bad Request",
                        "force '" + query.force() + "' has no system that answers subject queries");
            }
            return targets;
        }
        return all();
    }

    /** Every answering system of every force. */
    public List<QueryTarget> all() {
        List<QueryTarget> targets = new ArrayList<>();
        registry.forces().forEach(force -> addAll(force, targets));
        return targets;
    }

    private void addAll(ForceConfig force, List<QueryTarget> targets) {
        force.systems().values().stream()
                .filter(system -> !system.setting("query").isMissingNode())
                .forEach(system -> targets.add(target(force.force(), system)));
    }

    /** The target of one system's query block, or an unusable target saying what is wrong with it. */
    QueryTarget target(String force, SourceSystem system) {
        JsonNode query = system.setting("query");
        String name = system.id();
        String formatId = query.path("format").asText(null);
        if (formatId == null) {
            return QueryTarget.unusable(force, name, "its query: block names no format");
        }
        Optional<QueryFormat> format = formats.format(formatId);
        if (format.isEmpty()) {
            return QueryTarget.unusable(force, name, "query format '" + formatId + "' is not loaded");
        }
        String transport = query.path("transport").asText(null);
        if (!format.get().transport().equals(transport)) {
            return QueryTarget.unusable(force, name, "transport '" + transport + "' is not the transport of format "
                    + formatId + " (" + format.get().transport() + ")");
        }
        String url = query.path("url").asText(null);
        if (url == null || url.isBlank()) {
            return QueryTarget.unusable(force, name, "its query: block has no url");
        }
        if (url.startsWith(STUBS)) {
            Optional<String> base = stubBase.get();
            if (base.isEmpty()) {
                return QueryTarget.unusable(force, name, "its url names the embedded stubs, which are not enabled");
            }
            url = base.get() + url.substring(STUBS.length());
        }
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return QueryTarget.unusable(force, name, "its url is not an http or https URL");
            }
        } catch (URISyntaxException e) {
            return QueryTarget.unusable(force, name, "its url is not a URL");
        }
        long timeout = query.path("timeoutMs").asLong(settings.timeoutMs());
        if (timeout <= 0) {
            return QueryTarget.unusable(force, name, "timeoutMs must be a positive number of milliseconds");
        }
        String tokenEnv = query.path("tokenEnv").asText(null);
        String token = tokenEnv == null ? null : environment.apply(tokenEnv);
        return new QueryTarget(force, name, format.get(), url, timeout, token == null || token.isBlank() ? null : token,
                null);
    }
}
