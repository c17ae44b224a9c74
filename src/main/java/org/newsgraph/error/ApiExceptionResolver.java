package org.newsgraph.error;

import java.util.LinkedHashMap;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
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
            return GraphqlErrorBuilder.newError(env).errorType(api.type()).message(api.getMessage())
                    .extensions(extensions).build();
        }
        var errorId = java.util.UUID.randomUUID().toString();
        log.error("Internal error {} at {}", errorId, env.getExecutionStepInfo().getPath(), ex);
        var extensions = new LinkedHashMap<String, Object>();
        extensions.put("code", "INTERNAL_ERROR");
        extensions.put("classification", ErrorType.INTERNAL_ERROR.name());
        extensions.put("errorId", errorId);
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; quote error id " + errorId + " when reporting it")
                .extensions(extensions).build();
    }
}
