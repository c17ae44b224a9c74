package org.newsgraph.web;

import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.OperationDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.DatabaseFailures;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.httpcache.HttpCaching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP with GET: query operations only. A GET that selects a mutation (or subscription) is refused
 * with 405 and {@code Allow: POST} before anything runs (the document is taken from the {@link DocumentCache}
 * or parsed); parameters that do not decode get 400.
 */
final class GetRequests {

    private static final Logger log = LoggerFactory.getLogger(GetRequests.class);

    private final JsonMapper jsonMapper;

    private final DocumentCache documents;

    private final HttpCaching caching;

    private final IdGenerator idGenerator = new AlternativeJdkIdGenerator();

    GetRequests(JsonMapper jsonMapper, DocumentCache documents, HttpCaching caching) {
        this.jsonMapper = jsonMapper;
        this.documents = documents;
        this.caching = caching;
    }

    /**
     * Answers a GET: the request's {@code ?query=&variables=&operationName=&extensions=} parameters
     * (JSON-encoded) become a GraphQL request that {@code execute} runs, or a 4xx refusal.
     */
    ServerResponse handle(ServerRequest request, Function<WebGraphQlRequest, ServerResponse> execute) {
        Optional<MediaType> mediaType = AcceptNegotiation.negotiate(request);
        if (mediaType.isEmpty()) {
            return GraphQlOverHttp.notAcceptable();
        }
        String query = request.param("query").filter(StringUtils::hasText).orElse(null);
        String operationName =
                request.param("operationName").filter(StringUtils::hasText).orElse(null);
        Map<String, Object> variables;
        Map<String, Object> extensions;
        try {
            variables = jsonObject(request, "variables");
            extensions = jsonObject(request, "extensions");
        } catch (IllegalArgumentException ex) {
            return GraphQlOverHttp.error(ErrorCode.BAD_REQUEST, ex.getMessage(), mediaType.get());
        }
        String hash = (extensions.get("persistedQuery") instanceof Map<?, ?> apq
                        && apq.get("sha256Hash") instanceof String sha256)
                ? sha256
                : null;
        if (query == null && !extensions.containsKey("persistedQuery")) {
            return GraphQlOverHttp.error(
                    ErrorCode.BAD_REQUEST, "Not a GraphQL request: no 'query' parameter", mediaType.get());
        }
        if (selectsNonQueryOperation(query, hash, operationName)) {
            return GraphQlOverHttp.error(
                    ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST),
                    ErrorCode.METHOD_NOT_ALLOWED,
                    "Only query operations may be sent with GET; send mutations with POST",
                    mediaType.get());
        }
        Optional<ServerResponse> notModified;
        try {
            notModified = caching.notModified(request, mediaType.get(), query, hash);
        } catch (DataAccessException ex) {
            return databaseUnavailable(request, ex, mediaType.get());
        }
        if (notModified.isPresent()) {
            return notModified.get(); // the client holds the answer at the current data version
        }
        var body = new DefaultGraphQlRequest(
                (query != null) ? query : PersistedQuerySupport.PERSISTED_QUERY_MARKER,
                operationName,
                variables,
                extensions);
        var graphQlRequest = new WebGraphQlRequest(
                request.uri(),
                request.headers().asHttpHeaders(),
                cookies(request),
                request.remoteAddress().orElse(null),
                request.attributes(),
                body,
                idGenerator.generateId().toString(),
                LocaleContextHolder.getLocale());
        return execute.apply(graphQlRequest);
    }

    /**
     * The data version could not be read because the database gives no connection: answered at once, as the
     * query would be (503, {@code SERVICE_UNAVAILABLE}, nothing executed), instead of waiting for a connection
     * a second time to run it.
     */
    private static ServerResponse databaseUnavailable(ServerRequest request, DataAccessException ex, MediaType type) {
        ErrorCode code = DatabaseFailures.classify(ex);
        if (code == null) {
            throw ex;
        }
        String errorId = ApiError.newErrorId();
        log.warn("{} {} at GET {}: {}", code, errorId, request.path(), DatabaseFailures.rootMessage(ex));
        return ServerResponse.status(code.httpStatus())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(type)
                .body(DatabaseFailures.toApiError(code, errorId).toJson());
    }

    /** Whether the operation that the request selects is a mutation or subscription ({@link DocumentCache#selectedOperation}). */
    private boolean selectsNonQueryOperation(String query, String hash, String operationName) {
        return documents
                .selectedOperation(query, hash, operationName)
                .map((operation) -> operation != OperationDefinition.Operation.QUERY)
                .orElse(false);
    }

    private Map<String, Object> jsonObject(ServerRequest request, String name) {
        Optional<String> value = request.param(name).filter(StringUtils::hasText);
        if (value.isEmpty() || value.get().equals("null")) {
            return Map.of();
        }
        try {
            Map<String, Object> map = jsonMapper.readValue(value.get(), new TypeReference<Map<String, Object>>() {});
            return (map != null) ? map : Map.of();
        } catch (JacksonException ex) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a JSON object");
        }
    }

    private static MultiValueMap<String, HttpCookie> cookies(ServerRequest request) {
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        request.cookies()
                .forEach((name, values) -> values.forEach(
                        (cookie) -> cookies.add(name, new HttpCookie(cookie.getName(), cookie.getValue()))));
        return cookies;
    }
}
