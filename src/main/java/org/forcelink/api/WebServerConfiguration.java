package org.forcelink.api;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.forcelink.HubProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the web server's own error answers problem+json too, and lets a refused body's sender read them. */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    /** Tomcat's own default for the body it reads and discards after an answer. */
    private static final long TOMCAT_SWALLOW_DEFAULT = 2 * 1024 * 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * A record over the limit is answered 413 before its body is read. Tomcat then reads and discards
     * the rest of the body so that the connection closes cleanly; past its default of 2 MB it resets the
     * connection instead, and the client, still sending, may lose the 413 with it. Reading up to twice
     * the record limit means any sender of a body up to that size gets its answer; a larger one may see
     * the connection reset.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedBodiesDrained(HubProperties properties) {
        long swallow = Math.max(TOMCAT_SWALLOW_DEFAULT, 2 * properties.limits().maxRecordBytes());
        int bytes = (int) Math.min(Integer.MAX_VALUE, swallow);
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxSwallowSize(bytes);
            }
        });
    }
}
