package org.newsgraph.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions from data fetchers into GraphQL errors. {@link ApiException}s keep their message and
 * code; anything else is an internal error whose details go to the log under an error id that the
 * client also gets, and nothing of the internals (SQL, class names, stack) reaches the response.
 */
@Component
public class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException api) {
            var extensions = new LinkedHashMap<String, Object>(api.details());
            extensions.put("code", api.code());
            extensions.put("classification", api.type().name());
            return GraphqlErrorBuilder.newError(env)
                    .errorType(api.type())
                    .message(api.getMessage())
                    .extensions(extensions)
                    .build();
        }
        var errorId = java.util.UUID.randomUUID().toString();
        var databaseFailure = DatabaseFailures.classify(ex);
        if (databaseFailure != null) {
            return databaseError(databaseFailure, errorId, ex, env);
        }
        log.error("Internal error {} at {}", errorId, env.getExecutionStepInfo().getPath(), ex);
        var extensions = new LinkedHashMap<String, Object>();
        extensions.put("code", "INTERNAL_ERROR");
        extensions.put("classification", ErrorType.INTERNAL_ERROR.name());
        extensions.put("errorId", errorId);
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; quote error id " + errorId + " when reporting it")
                .extensions(extensions)
                .build();
    }

    /**
     * The database is down or a statement hit {@code statement_timeout}: expected operational failures,
     * logged at WARN with the error id (no stack: the cause line says enough), answered with a code a
     * client can act on (retry later, ask for less).
     */
    private GraphQLError databaseError(
            DatabaseFailures.Kind kind, String errorId, Throwable ex, DataFetchingEnvironment env) {
        var path = env.getExecutionStepInfo().getPath();
        var extensions = new LinkedHashMap<String, Object>();
        String message;
        if (kind == DatabaseFailures.Kind.UNSTORABLE_INPUT) {
            log.warn("Input the database cannot hold {} at {}: {}", errorId, path, rootMessage(ex));
            extensions.put("code", "INVALID_CHARACTERS");
            extensions.put("classification", ErrorType.BAD_REQUEST.name());
            extensions.put("errorId", errorId);
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.BAD_REQUEST)
                    .message("The input contains characters that cannot be stored or searched (such as U+0000)")
                    .extensions(extensions)
                    .build();
        }
        if (kind == DatabaseFailures.Kind.TIMEOUT) {
            log.warn("Database statement timeout {} at {}: {}", errorId, path, rootMessage(ex));
            extensions.put("code", "TIMEOUT");
            message = "The database query took too long and was cancelled; ask for less or try again later (error id "
                    + errorId + ")";
        } else {
            log.warn("Database unavailable {} at {}: {}", errorId, path, rootMessage(ex));
            extensions.put("code", "SERVICE_UNAVAILABLE");
            message = "The database is unavailable; try again shortly (error id " + errorId + ")";
        }
        extensions.put("classification", ErrorType.INTERNAL_ERROR.name());
        extensions.put("errorId", errorId);
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.INTERNAL_ERROR)
                .message(message)
                .extensions(extensions)
                .build();
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
