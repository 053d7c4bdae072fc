package org.forcelink.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;

/**
 * Turns a canonical record into what one recipient gets: first only its allowed fields (everything else
 * is removed before any mapping sees it), then its outbound mapping, or for a force transfer the
 * receiving system's own format. Called by the outbound routes.
 */
public class Outbound {

    private final Subscriptions subscriptions;
    private final OutboundMappings mappings;
    private final TransferFormats transferFormats;
    private final ForceRegistry registry;

    public Outbound(Subscriptions subscriptions, OutboundMappings mappings, TransferFormats transferFormats,
            ForceRegistry registry) {
        this.subscriptions = subscriptions;
        this.mappings = mappings;
        this.transferFormats = transferFormats;
        this.registry = registry;
    }

    /** Replaces the body with the rendered record and sets its content type and {@link ForceLinkHeaders#RENDERED}. */
    public void render(Exchange exchange) {
        Recipient recipient = DeliveryGate.recipient(exchange, subscriptions);
        Rendered rendered = render(recipient, DeliveryGate.canonical(exchange));
        exchange.setProperty(ForceLinkHeaders.RENDERED, rendered);
        exchange.getIn().setBody(rendered.body());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, rendered.contentType());
    }

    public Rendered render(Recipient recipient, JsonNode record) {
        ObjectNode allowed = recipient.allowedFields().apply(record);
        if (recipient.transfer() != null) {
            Recipient.Transfer target = recipient.transfer();
            String family = registry.system(target.force(), target.system()).map(SourceSystem::family)
                    .orElseThrow(() -> new UndeliverableException("transfer recipient " + recipient.id() + " names "
                            + target.force() + "/" + target.system() + ", which is not registered in config/forces"));
            return transferFormats.forFamily(family)
                    .orElseThrow(() -> new UndeliverableException("no transfer format for family " + family + " of "
                            + target.force() + "/" + target.system() + "; its reverse mapping does not exist yet"))
                    .render(allowed, target);
        }
        return mapping(recipient).render(allowed);
    }

    public OutboundMapping mapping(Recipient recipient) {
        return mappings.get(recipient.mapping()).orElseThrow(() -> new IllegalStateException(
                "recipient " + recipient.id() + " names outbound mapping " + recipient.mapping()
                        + ", which is not a folder with " + OutboundMapping.FILE + " under mappings/"));
    }
}
