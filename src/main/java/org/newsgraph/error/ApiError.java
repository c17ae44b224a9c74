package org.newsgraph.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One error as the API answers it: a code of the {@link ErrorCode vocabulary}, a message for people, and
 * details that go into {@code extensions} next to the code (a limit, the measured value, an error id).
 * The one writer of error bodies: as a GraphQL error ({@link #toGraphQlError()}), as the
 * {@code {"errors":[...]}} body of a request that ends before GraphQL runs ({@link #writeTo}), or as
 * that body's map ({@link #toBody()}).
 *
 * <p>The operational errors (the client did nothing wrong) have one producer each here, so every layer
 * that hits them says the same thing: {@link #timeout}, {@link #serviceUnavailable}, {@link #overloaded},
 * {@link #internal}.
 */
public record ApiError(ErrorCode code, String message, Map<String, Object> details) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ApiError {
        details = (details == null) ? Map.of() : Map.copyOf(details);
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message, null);
    }

    /** A new random id that the log line and the answer share. */
    public static String newErrorId() {
        return UUID.randomUUID().toString();
    }

    /** An error whose details are in the log under {@code errorId}, which the answer names too. */
    private static ApiError logged(ErrorCode code, String message, String errorId) {
        return new ApiError(code, message, Map.of("errorId", errorId));
    }

    /** Over the time budget: the database's statement timeout or the whole request's timeout. */
    public static ApiError timeout(String errorId) {
        return logged(
                ErrorCode.TIMEOUT,
                "The request took too long and was stopped; ask for less or try again later (error id " + errorId + ")",
                errorId);
    }

    /** The database is down, restarting, or the connection broke; nothing of a write was kept. */
    public static ApiError serviceUnavailable(String errorId) {
        return logged(
                ErrorCode.SERVICE_UNAVAILABLE,
                "The database is unavailable; try again shortly (error id " + errorId + ")",
                errorId);
    }

    /** The request waited for a turn among the expensive requests and did not get one. */
    public static ApiError overloaded(long waitedMillis) {
        return new ApiError(
                ErrorCode.OVERLOADED,
                "Too many expensive requests are running; this one waited " + waitedMillis
                        + " ms for its turn. Try again shortly, or ask for less",
                Map.of("waitedMillis", waitedMillis));
    }

    /** Refused for memory: the answers being built at once hold as much text as the server allows. */
    public static ApiError overloadedByAnswers() {
        return new ApiError(
                ErrorCode.OVERLOADED,
                "The server is building too many large answers at once; try again in a few seconds, or ask for"
                        + " fewer text fields",
                Map.of("retryAfterSeconds", 5));
    }

    /** A bug: the details are in the log under the error id. */
    public static ApiError internal(String errorId) {
        return logged(
                ErrorCode.INTERNAL_ERROR, "Internal error; quote error id " + errorId + " when reporting it", errorId);
    }

    /** PostgreSQL's stack depth limit: the input nests deeper than the database can evaluate. */
    public static ApiError inputTooComplex(String errorId) {
        return logged(
                ErrorCode.INPUT_TOO_COMPLEX,
                "The input is too complex for the database to evaluate (too many nested terms); simplify it"
                        + " (error id " + errorId + ")",
                errorId);
    }

    /** Text that PostgreSQL cannot hold reached the database. */
    public static ApiError unstorableCharacters(String errorId) {
        return logged(
                ErrorCode.INVALID_CHARACTERS,
                "The input contains characters that cannot be stored or searched (such as U+0000)",
                errorId);
    }

    /** A value reached the database that its column cannot hold (a date or number out of range). */
    public static ApiError valueOutOfRange(String errorId) {
        return logged(
                ErrorCode.INVALID_VALUE,
                "A value in the input is outside the range that can be stored or compared (error id " + errorId + ")",
                errorId);
    }

    /**
     * A write committed, but reading its result back failed (the database went away in between): the
     * client must not take it for lost. Sending the same write again is safe (ingest is idempotent).
     */
    public static ApiError committedButNotReadBack(String errorId, String outcome, String id) {
        return new ApiError(
                ErrorCode.COMMITTED_READ_FAILED,
                "The write was committed (outcome " + outcome + ", id " + id + "), but reading the result back"
                        + " failed because the database is unavailable; sending it again is safe (error id "
                        + errorId + ")",
                Map.of("errorId", errorId, "outcome", outcome, "id", id));
    }

    /** The same error with one more detail. */
    public ApiError with(String key, Object value) {
        var more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new ApiError(code, message, more);
    }

    /** {@code code}, {@code classification}, then the details. */
    public Map<String, Object> extensions() {
        var extensions = new LinkedHashMap<String, Object>();
        extensions.put("code", code.name());
        extensions.put("classification", code.classification().name());
        details.forEach(extensions::putIfAbsent);
        return extensions;
    }

    /** As a GraphQL error of the request as a whole (no path). */
    public GraphQLError toGraphQlError() {
        return GraphqlErrorBuilder.newError()
                .errorType(code.classification())
                .message(message)
                .extensions(extensions())
                .build();
    }

    /** As a GraphQL error of the field that {@code env} fetches (its path and location). */
    public GraphQLError toGraphQlError(DataFetchingEnvironment env) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(code.classification())
                .message(message)
                .extensions(extensions())
                .build();
    }

    /** {@code {"message": ..., "extensions": {...}}}, the spec's error object. */
    public Map<String, Object> toMap() {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", message);
        error.put("extensions", extensions());
        return error;
    }

    /** {@code {"errors": [this]}}: the body of a request that ends before GraphQL runs. */
    public Map<String, Object> toBody() {
        return Map.of("errors", List.of(toMap()));
    }

    /** The body as JSON bytes. */
    public byte[] toJson() {
        return JSON.writeValueAsBytes(toBody());
    }

    /** Ends a servlet request with this error: the code's HTTP status and the JSON body. */
    public void writeTo(HttpServletResponse response) throws IOException {
        writeTo(response, code.httpStatus());
    }

    /** Ends a servlet request with this error and the given status. */
    public void writeTo(HttpServletResponse response, HttpStatus status) throws IOException {
        byte[] body = toJson();
        response.resetBuffer();
        response.setStatus(status.value());
        if (status == HttpStatus.SERVICE_UNAVAILABLE) response.setHeader("Retry-After", "5");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
