package org.newsgraph.error;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.HttpStatus;

/**
 * Every {@code extensions.code} the API answers with, and every {@code InputError.code} of a mutation
 * payload: the one vocabulary of errors. Each code knows its GraphQL classification and the HTTP status
 * it gets when it ends a request before GraphQL runs (a servlet filter, a malformed request). Bodies are
 * written by {@link ApiError}; nothing else spells a code.
 */
public enum ErrorCode {

    // The HTTP request itself (before GraphQL runs)
    /** Not a GraphQL request: malformed JSON, no query, variables not an object, invalid URL encoding. */
    BAD_REQUEST(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** The request body is over {@code max-request-size}. */
    REQUEST_TOO_LARGE(ErrorType.BAD_REQUEST, HttpStatus.CONTENT_TOO_LARGE),
    /** A request {@code Content-Type} other than JSON. */
    UNSUPPORTED_MEDIA_TYPE(ErrorType.BAD_REQUEST, HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** A request body that did not arrive within {@code request-body-timeout} (a client sending it too slowly). */
    REQUEST_TIMEOUT(ErrorType.BAD_REQUEST, HttpStatus.REQUEST_TIMEOUT),
    /** An {@code Accept} header that allows neither response media type. */
    NOT_ACCEPTABLE(ErrorType.BAD_REQUEST, HttpStatus.NOT_ACCEPTABLE),
    /** A mutation sent with GET. */
    METHOD_NOT_ALLOWED(ErrorType.BAD_REQUEST, HttpStatus.METHOD_NOT_ALLOWED),

    // The document, before execution
    /** The query text does not parse. */
    GRAPHQL_PARSE_FAILED(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** The document does not validate against the schema (unknown field, wrong variable type, ...). */
    GRAPHQL_VALIDATION_FAILED(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** Introspection is switched off (profile {@code production}). */
    INTROSPECTION_DISABLED(ErrorType.FORBIDDEN, HttpStatus.FORBIDDEN),
    PERSISTED_QUERY_NOT_FOUND(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    PERSISTED_QUERY_HASH_MISMATCH(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    PERSISTED_QUERY_INVALID(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),

    // The limits (org.newsgraph.limits)
    QUERY_TOO_LARGE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    QUERY_TOO_DEEP(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    QUERY_TOO_COMPLEX(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    TOO_MANY_ALIASES(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    TOO_MANY_FIELDS(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    TOO_MANY_DIRECTIVES(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    TOO_MANY_IDS(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A string argument or variable longer than its bound. */
    ARGUMENT_TOO_LONG(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** Variables nested deeper, or with longer lists, than any input of the schema needs. */
    VARIABLES_TOO_LARGE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A NUL character or a lone UTF-16 surrogate in a string: no text in NewsGraph can hold it. */
    INVALID_CHARACTERS(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** The answer would be larger than {@code max-response-size}. */
    RESPONSE_TOO_LARGE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),

    // Arguments
    /** An argument is wrong in a way that has no more specific code. */
    BAD_USER_INPUT(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID_ARGUMENTS(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID_ID(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID_CURSOR(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID_PAGE_SIZE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    PAGE_SIZE_TOO_LARGE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID_DATE_RANGE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** An analytics {@code groupBy} that cannot be answered (e.g. two date buckets). */
    INVALID_GROUPING(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID_SEARCH_QUERY(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** An actor path's {@code maxDepth} out of range. */
    INVALID_DEPTH(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A change-log cursor older than the retention window: the changes after it were pruned. */
    CURSOR_EXPIRED(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A value of a custom scalar (Date, DateTime) or an enum that is not one. */
    INVALID_VALUE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),

    // Subscriptions (org.newsgraph.live)
    /** A subscription sent as a plain request: it needs WebSocket or SSE. */
    SUBSCRIPTION_NEEDS_STREAM(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A query or mutation sent as GraphQL over SSE ({@code Accept: text/event-stream}), which serves subscriptions. */
    NOT_A_SUBSCRIPTION(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A WebSocket connection already holds the most subscriptions it may. */
    TOO_MANY_SUBSCRIPTIONS(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A subscription whose client read too slowly: its buffer of undelivered changes was full. */
    SLOW_CONSUMER(ErrorType.INTERNAL_ERROR, HttpStatus.SERVICE_UNAVAILABLE),

    // Access
    UNAUTHORIZED(ErrorType.UNAUTHORIZED, HttpStatus.UNAUTHORIZED),
    FORBIDDEN(ErrorType.FORBIDDEN, HttpStatus.FORBIDDEN),

    // Mutation payloads (InputError.code)
    REQUIRED(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    INVALID(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    TOO_LONG(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    MALFORMED(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    UNKNOWN_REFERENCE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    DUPLICATE_REF(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    UNNAMED_SOURCE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    TAKEN(ErrorType.BAD_REQUEST, HttpStatus.CONFLICT),
    SAME_ACTOR(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    CONFLICT(ErrorType.BAD_REQUEST, HttpStatus.CONFLICT),
    REJECTED_BY_DATABASE(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    NOT_FOUND(ErrorType.NOT_FOUND, HttpStatus.NOT_FOUND),
    /** A resolution decision that is not (or no longer) a pending candidate. */
    NOT_PENDING(ErrorType.BAD_REQUEST, HttpStatus.CONFLICT),
    /** A resolution decision that is not a merge, so there is nothing to split. */
    NOT_MERGED(ErrorType.BAD_REQUEST, HttpStatus.CONFLICT),

    // Operational: the client did nothing wrong, or asked more than the database can do
    /** Over the time budget: PostgreSQL's statement timeout or the request timeout. */
    TIMEOUT(ErrorType.INTERNAL_ERROR, HttpStatus.SERVICE_UNAVAILABLE),
    /** The database is down, restarting, or its connection broke. */
    SERVICE_UNAVAILABLE(ErrorType.INTERNAL_ERROR, HttpStatus.SERVICE_UNAVAILABLE),
    /** Too many expensive requests at once: this one waited for its turn and gave up. */
    OVERLOADED(ErrorType.INTERNAL_ERROR, HttpStatus.SERVICE_UNAVAILABLE),
    /** PostgreSQL's stack depth limit (54001): the input nests too deeply for the database. */
    INPUT_TOO_COMPLEX(ErrorType.BAD_REQUEST, HttpStatus.BAD_REQUEST),
    /** A committed write whose answer could not be read back: it happened, retrying is safe. */
    COMMITTED_READ_FAILED(ErrorType.INTERNAL_ERROR, HttpStatus.SERVICE_UNAVAILABLE),
    /** A bug; the log has the details under the error id. */
    INTERNAL_ERROR(ErrorType.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR);

    private final ErrorType classification;
    private final HttpStatus httpStatus;

    ErrorCode(ErrorType classification, HttpStatus httpStatus) {
        this.classification = classification;
        this.httpStatus = httpStatus;
    }

    /** The GraphQL error classification ({@code extensions.classification}). */
    public ErrorType classification() {
        return classification;
    }

    /** The status when this error ends a request outside GraphQL execution. */
    public HttpStatus httpStatus() {
        return httpStatus;
    }
}
