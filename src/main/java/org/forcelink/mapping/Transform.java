package org.forcelink.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * One named step of a field's transform chain. Values are String, Long, java.math.BigDecimal, Boolean or
 * a List of those; null means "no value". A transform throws {@link TransformFailure} for a value it
 * cannot use.
 */
interface Transform {

    Object apply(Object value);

    /** How the step reads in lineage and in the mapping file, e.g. {@code date(dd/MM/yyyy)}. */
    String describe();

    /** A transform of single values, applied to each element of a list (elements that become null are dropped). */
    interface PerValue extends Transform {

        Object applyOne(Object value);

        @Override
        default Object apply(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    Object mapped = element == null ? null : applyOne(element);
                    if (mapped != null) {
                        out.add(mapped);
                    }
                }
                return out.isEmpty() ? null : out;
            }
            return applyOne(value);
        }
    }
}
