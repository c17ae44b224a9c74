package org.newsgraph.limits;

import graphql.GraphQLError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;

/**
 * A request over one of the {@link LimitsProperties}: its error code, a message for people, the limit
 * and (when known) the measured value.
 */
record LimitViolation(ErrorCode code, String message, long limit, Long actual) {

    ApiError toApiError() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (limit > 0) details.put("limit", limit);
        if (actual != null) details.put("actual", actual);
        return new ApiError(code, message, details);
    }

    GraphQLError toError() {
        return toApiError().toGraphQlError();
    }
}
