package org.forcelink.search;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where the embedded force query stubs answer once the web server is up (its port is random in tests):
 * what {@code {stubs}} in a query URL stands for. Empty while the stubs are off or the server is not up.
 */
public class StubAddress implements Supplier<Optional<String>>, ApplicationListener<WebServerInitializedEvent> {

    private final boolean enabled;
    private volatile String base;

    public StubAddress(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (enabled && event.getApplicationContext().getServerNamespace() == null) {
            base = "http://127.0.0.1:" + event.getWebServer().getPort() + "/stubs";
        }
    }

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(base);
    }
}
