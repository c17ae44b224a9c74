package org.newsgraph.error;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions from data fetchers into GraphQL errors. {@link ApiException}s keep their message and
 * code; database failures get their {@link DatabaseFailures} code; anything else is an internal error
 * whose details go to the log under an error id that the client also gets, and nothing of the internals
 * (SQL, class names, stack) reaches the response.
 */
@Component
public class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException api) {
            return api.error().toGraphQlError(env);
        }
        var errorId = ApiError.newErrorId();
        var path = env.getExecutionStepInfo().getPath();
        var databaseFailure = DatabaseFailures.classify(ex);
        if (databaseFailure != null) {
            // Expected operational failures: WARN with the error id, no stack (the cause line says enough).
            log.warn("{} {} at {}: {}", databaseFailure, errorId, path, DatabaseFailures.rootMessage(ex));
            return DatabaseFailures.toApiError(databaseFailure, errorId).toGraphQlError(env);
        }
        log.error("Internal error {} at {}", errorId, path, ex);
        return ApiError.internal(errorId).toGraphQlError(env);
    }
}
