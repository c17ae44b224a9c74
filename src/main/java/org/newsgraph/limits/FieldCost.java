package org.newsgraph.limits;

import java.util.Map;

/**
 * What one value of a field costs when it does more work than the values it returns (an aggregate over many
 * rows, a search through a graph), computed from the field's arguments before the query runs. A feature
 * registers one as a bean next to the field it serves; it takes the place of the field's {@code @cost}
 * weight, and is multiplied by the page sizes of the lists above the field like any weight.
 */
public interface FieldCost {

    /** The field priced, as {@code Type.field}. */
    String field();

    /**
     * The cost of one value of the field. {@code arguments} holds the values the query gives, literal or from
     * its variables (enum values as their names, lists as lists, input objects as maps); an argument the query
     * leaves out is missing.
     */
    long cost(Map<String, Object> arguments);
}
