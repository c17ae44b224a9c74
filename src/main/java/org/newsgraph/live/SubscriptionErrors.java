package org.newsgraph.live;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.newsgraph.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Errors that end a subscription's stream after it started (a slow consumer, the database gone during a
 * replay): the same {@code extensions.code} vocabulary as query errors, never a stack trace.
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        var extensions = new LinkedHashMap<String, Object>();
        if (ex instanceof ApiException api) {
            extensions.putAll(api.details());
            extensions.put("code", api.code());
            extensions.put("classification", api.type().name());
            return GraphqlErrorBuilder.newError()
                    .errorType(api.type())
                    .message(api.getMessage())
                    .extensions(extensions)
                    .build();
        }
        var errorId = UUID.randomUUID().toString();
        log.warn("Subscription ended by error {}", errorId, ex);
        extensions.put("code", "INTERNAL_ERROR");
        extensions.put("classification", ErrorType.INTERNAL_ERROR.name());
        extensions.put("errorId", errorId);
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("The subscription ended by an internal error; subscribe again with the last cursor"
                        + " (error id " + errorId + ")")
                .extensions(extensions)
                .build();
    }
}
