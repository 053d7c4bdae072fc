package org.forcelink.ingest.soap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.forcelink.HubProperties;
import org.forcelink.ingest.IngestService;
import org.forcelink.ingest.soap.v1.RecordsPortType;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.ForceCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the SOAP source: the contract-first CXF endpoint the {@code soap-in} route consumes, served by the
 * CXF servlet under {@code cxf.path} ({@code /services}) on the hub's own port beside the Spring MVC API,
 * its credentials check, the filter guarding the servlet and the bean the route calls.
 */
@Configuration(proxyBeanMethods = false)
class SoapConfiguration {

    /** Path of the records service under the CXF servlet's {@code cxf.path} ({@code /services}). */
    static final String ADDRESS = "/records";

    @Bean
    CxfEndpoint recordsService(ForceCredentials credentials, HubProperties properties) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setAddress(ADDRESS);
        endpoint.setServiceClass(RecordsPortType.class);
        endpoint.setWsdlURL("classpath:wsdl/records.wsdl");
        endpoint.setServiceNameAsQName(new QName(SoapFaults.NAMESPACE, "RecordsService"));
        endpoint.setPortNameAsQName(new QName(SoapFaults.NAMESPACE, "RecordsPort"));
        endpoint.setDataFormat(DataFormat.POJO);
        // Camel binds endpoint properties by removing them from this map, so it must be mutable.
        endpoint.setProperties(new HashMap<>(Map.of("schema-validation-enabled", "true")));
        endpoint.setInInterceptors(List.of(new SoapCredentialsInterceptor(credentials,
                properties.limits().maxIdempotencyKeyLength())));
        endpoint.setOutFaultInterceptors(List.of(new SoapFaultLog()));
        return endpoint;
    }

    @Bean
    FilterRegistrationBean<SoapRequestFilter> soapRequestFilter(HubProperties properties,
            @Value("${cxf.path}") String cxfPath) {
        FilterRegistrationBean<SoapRequestFilter> registration = new FilterRegistrationBean<>(
                new SoapRequestFilter(cxfPath + ADDRESS, properties.limits().maxRecordBytes()));
        registration.addUrlPatterns(cxfPath + "/*");
        return registration;
    }

    @Bean
    SoapRecords soapRecords(IngestService ingest, ForceRegistry registry) {
        return new SoapRecords(ingest, registry);
    }
}
