package org.newsgraph.live;

import graphql.GraphQLError;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        if (ex instanceof ApiException api) {
            return api.error().toGraphQlError();
        }
        var errorId = ApiError.newErrorId();
        var databaseFailure = DatabaseFailures.classify(ex);
        if (databaseFailure != null) {
            log.warn("Subscription ended by a database failure {}: {}", errorId, DatabaseFailures.rootMessage(ex));
            return DatabaseFailures.toApiError(databaseFailure, errorId).toGraphQlError();
        }
        log.warn("Subscription ended by error {}", errorId, ex);
        return ApiError.internal(errorId).toGraphQlError();
    }
}
