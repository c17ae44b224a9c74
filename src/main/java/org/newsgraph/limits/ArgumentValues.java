package org.newsgraph.limits;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a document's arguments as the limits see them before validation: literals, or the request's
 * variables they name. What is not understood (or not given) is null, and the limit that needs it falls back
 * to its default.
 */
final class ArgumentValues {

    private final Map<String, Object> variables;

    ArgumentValues(Map<String, Object> variables) {
        this.variables = variables == null ? Map.of() : variables;
    }

    /** An integer literal (saturated to the long range) or an integer variable. */
    Long intValue(Value<?> value) {
        if (value instanceof IntValue literal) {
            var big = literal.getValue();
            return big.bitLength() < 63 ? big.longValue() : (big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        if (value instanceof VariableReference reference
                && variables.get(reference.getName()) instanceof Number number) {
            return number.longValue();
        }
        return null;
    }

    /** An argument's value as Java: enum values as their names, lists as lists, input objects as maps. */
    Object value(Value<?> value) {
        if (value instanceof VariableReference reference) return variables.get(reference.getName());
        if (value instanceof IntValue literal) return intValue(literal);
        if (value instanceof EnumValue literal) return literal.getName();
        if (value instanceof StringValue literal) return literal.getValue();
        if (value instanceof BooleanValue literal) return literal.isValue();
        if (value instanceof FloatValue literal) return literal.getValue();
        if (value instanceof ArrayValue array) {
            var list = new ArrayList<Object>();
            for (var element : array.getValues()) list.add(value(element));
            return list;
        }
        if (value instanceof ObjectValue object) {
            var map = new HashMap<String, Object>();
            for (var objectField : object.getObjectFields())
                map.put(objectField.getName(), value(objectField.getValue()));
            return map;
        }
        return null;
    }

    /** The length of a list literal or list variable. */
    Long listSize(Value<?> value) {
        if (value instanceof ArrayValue array) return (long) array.getValues().size();
        if (value instanceof VariableReference reference
                && variables.get(reference.getName()) instanceof List<?> list) {
            return (long) list.size();
        }
        return null;
    }
}
