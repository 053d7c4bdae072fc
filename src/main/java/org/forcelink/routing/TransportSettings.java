package org.forcelink.routing;

import java.time.Duration;

/**
 * How a recipient's route hands over a record, as declared under {@code transport:} in
 * config/subscriptions.yaml. Text settings may hold {@code ${NAME:default}} placeholders (environment
 * variables or hub properties), resolved when the transport is used, so secrets never sit in config.
 */
public sealed interface TransportSettings {

    /** The {@code type:} value naming this transport. */
    String type();

    /** POST to {@code url}; 2xx is delivered, 408/425/429/5xx and I/O errors are retried, other 4xx refused. */
    record Http(String url, Auth auth, Duration timeout, Acknowledgement acknowledgement) implements TransportSettings {
        @Override
        public String type() {
            return "http";
        }
    }

    /** SOAP 1.1 call of {@code Deliver} (namespace urn:forcelink:delivery:v1) at {@code url}, through a CXF client. */
    record Soap(String url, Auth auth, Duration timeout) implements TransportSettings {
        @Override
        public String type() {
            return "soap";
        }
    }

    /** A message on the broker queue {@code queue}, for recipients that connect to the hub's broker. */
    record Jms(String queue) implements TransportSettings {
        @Override
        public String type() {
            return "jms";
        }
    }

    /** One file per record named {@code <messageId>.<ext>} in {@code folder} (relative to the data dir). */
    record File(String folder) implements TransportSettings {
        @Override
        public String type() {
            return "file";
        }
    }

    /**
     * A batch file written by a scheduled route into {@code folder} (relative to the data dir), with a
     * manifest of the message ids it covers beside it; records wait in the tracking store until then.
     */
    record DailyFile(String folder) implements TransportSettings {
        @Override
        public String type() {
            return "daily-file";
        }
    }

    /** Credentials the hub presents to the recipient: {@code bearer} (token) or {@code basic} (username, password). */
    record Auth(String scheme, String token, String username, String password) {}

    /**
     * Where an HTTP recipient's JSON answer says ACK or NACK ({@code status}), why ({@code reason}) and
     * its own reference for the record ({@code reference}).
     */
    record Acknowledgement(FieldPath status, FieldPath reason, FieldPath reference) {}
}
