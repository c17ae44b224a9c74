package org.newsgraph.error;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.IntrospectionDisabledError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Gives graphql-java's own request errors a machine-readable {@code extensions.code} like the rest of
 * the API's errors: a syntax error becomes {@code GRAPHQL_PARSE_FAILED}, a validation error (unknown
 * field, wrong variable type, fragment cycle, ...) {@code GRAPHQL_VALIDATION_FAILED}, introspection
 * while it is switched off {@code INTROSPECTION_DISABLED}. Errors that have a code already keep it. Every
 * message loses the Java names graphql-java puts in it ({@link ErrorMessages}).
 */
@Component
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        boolean changed = false;
        List<GraphQLError> errors = new ArrayList<>();
        for (var error : result.getErrors()) {
            String code = codeFor(error);
            String message = ErrorMessages.forClients(error.getMessage());
            if (code == null && java.util.Objects.equals(message, error.getMessage())) {
                errors.add(error);
                continue;
            }
            Map<String, Object> extensions =
                    new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
            if (code != null) extensions.put("code", code);
            errors.add(GraphqlErrorBuilder.newError()
                    .message(message)
                    .locations(error.getLocations())
                    .path(error.getPath())
                    .errorType(error.getErrorType())
                    .extensions(extensions)
                    .build());
            changed = true;
        }
        return CompletableFuture.completedFuture(
                changed
                        ? ExecutionResultImpl.newExecutionResult()
                                .from(result)
                                .errors(errors)
                                .build()
                        : result);
    }

    private static String codeFor(GraphQLError error) {
        if (error.getExtensions() != null && error.getExtensions().containsKey("code")) return null;
        ErrorClassification type = error.getErrorType();
        if (type == ErrorType.InvalidSyntax) return ErrorCode.GRAPHQL_PARSE_FAILED.name();
        if (type == ErrorType.ValidationError) return ErrorCode.GRAPHQL_VALIDATION_FAILED.name();
        if (error instanceof IntrospectionDisabledError
                || (type != null && "IntrospectionDisabled".equals(type.toString()))) {
            return ErrorCode.INTROSPECTION_DISABLED.name();
        }
        return null;
    }
}
