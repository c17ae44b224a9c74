package org.newsgraph.limits;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.graphql.execution.ErrorType;

/**
 * A request over one of the {@link LimitsProperties}: its error code, a message for people, the limit
 * and (when known) the measured value.
 */
record LimitViolation(String code, String message, long limit, Long actual) {

    GraphQLError toError() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.put("classification", ErrorType.BAD_REQUEST.name());
        if (limit > 0) extensions.put("limit", limit);
        if (actual != null) extensions.put("actual", actual);
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.BAD_REQUEST)
                .message(message)
                .extensions(extensions)
                .build();
    }
}
