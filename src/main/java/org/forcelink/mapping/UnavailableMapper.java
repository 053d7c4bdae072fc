package org.forcelink.mapping;

/**
 * Stands in for a mapping that could not be loaded: every record is rejected (and so kept in quarantine
 * for replay) with the reason, rather than mapped by a wrong or missing rule.
 */
final class UnavailableMapper implements SourceMapper {

    private final String family;
    private final String reason;

    UnavailableMapper(String family, String reason) {
        this.family = family;
        this.reason = reason;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public MappingOutcome map(SourceContext context, byte[] payload) {
        return MappingOutcome.rejected("FL-NO-MAPPING", "", reason);
    }

    @Override
    public FileSplit split(byte[] file) {
        return FileSplit.rejected(reason);
    }
}
