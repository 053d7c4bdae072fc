package org.forcelink.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The transfer formats the hub has, by source family; a reverse mapping registers one more {@link TransferFormat} bean. */
public final class TransferFormats {

    private final Map<String, TransferFormat> byFamily;

    public TransferFormats(List<TransferFormat> formats) {
        this.byFamily = formats.stream().collect(Collectors.toUnmodifiableMap(TransferFormat::family, Function.identity()));
    }

    public Optional<TransferFormat> forFamily(String family) {
        return Optional.ofNullable(byFamily.get(family));
    }
}
