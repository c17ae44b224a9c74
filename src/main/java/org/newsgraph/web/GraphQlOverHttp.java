package org.newsgraph.web;

import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.ServletException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.httpcache.HttpCaching;
import org.newsgraph.limits.LimitsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) on top of Spring for GraphQL's
 * {@link GraphQlHttpHandler}, which already handles POST with JSON (and {@code application/graphql}), and
 * answers 400 for {@code application/graphql-response+json} responses without {@code data}. This adds:
 * <ul>
 * <li>GET: {@code ?query=&variables=&operationName=&extensions=} (JSON-encoded parameters) for query
 * operations; a GET that selects a mutation (or subscription) is refused with 405 and {@code Allow: POST}
 * before anything runs;</li>
 * <li>{@code Accept} negotiation with quality values: {@code application/graphql-response+json} or
 * {@code application/json}; without {@code Accept} (or with only wildcards) the answer is
 * {@code application/json}, which the draft leaves to the server and legacy clients expect; an
 * {@code Accept} naming neither is answered with 406;</li>
 * <li>requests that are not well-formed (malformed JSON, no query, variables not an object) get 400 with
 * a GraphQL-shaped {@code errors} body carrying {@code extensions.code}; an unsupported request
 * {@code Content-Type} gets 415 (from Boot's fallback route or here).</li>
 * </ul>
 * Status codes once the request is well-formed are Spring's: with {@code application/json} always 200;
 * with {@code application/graphql-response+json} 400 when the document fails to parse or validate (no
 * {@code data}), 200 when execution started.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class GraphQlOverHttp {

    private static final Logger log = LoggerFactory.getLogger(GraphQlOverHttp.class);

    /** What the endpoint produces, in order of preference when the client likes both equally. */
    private static final List<MediaType> PRODUCIBLE =
            List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON);

    @Bean
    GraphQlHttpHandler graphQlHttpHandler(
            WebGraphQlHandler webGraphQlHandler,
            JsonMapper jsonMapper,
            DocumentCache documents,
            HttpCaching caching,
            LimitsProperties limits) {
        return new Handler(webGraphQlHandler, jsonMapper, documents, caching, limits);
    }

    /** Ordered before Boot's GraphQL routes ({@code @Order(0)}), whose GET answers 405 for everything. */
    @Bean
    @Order(-1)
    RouterFunction<ServerResponse> graphQlOverHttpRouterFunction(
            GraphQlHttpHandler handler, @Value("${spring.graphql.http.path:/graphql}") String path) {
        Handler spec = (Handler) handler;
        return RouterFunctions.route()
                .GET(path, spec::handleGet)
                .POST(
                        path,
                        (request) -> negotiate(request).isEmpty() && !acceptsEventStream(request),
                        (request) -> notAcceptable())
                .build();
    }

    /**
     * Whether the request asks for GraphQL over SSE ({@code Accept: text/event-stream}): Boot's route hands
     * it to Spring's {@code GraphQlSseHandler} (subscriptions, org.newsgraph.live).
     */
    static boolean acceptsEventStream(ServerRequest request) {
        try {
            return request.headers().accept().stream()
                    .anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                            && !type.isWildcardType()
                            && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /**
     * The response media type for the request's {@code Accept}, or empty when it accepts neither type.
     * Each producible type gets the quality of the most specific range that includes it; the highest
     * quality wins, then the more specific range, then the one the client listed first; a tie between
     * wildcards goes to {@code application/json}.
     */
    static Optional<MediaType> negotiate(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = request.headers().accept();
        } catch (InvalidMediaTypeException ex) {
            return Optional.empty();
        }
        if (accepted.isEmpty()) {
            return Optional.of(MediaType.APPLICATION_JSON);
        }
        MediaType best = null;
        double[] bestScore = null;
        for (MediaType producible : PRODUCIBLE) {
            double[] score = null;
            for (int i = 0; i < accepted.size(); i++) {
                MediaType range = accepted.get(i);
                if (!range.includes(producible)) {
                    continue;
                }
                int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (score == null || specificity > score[1]) {
                    score = new double[] {range.getQualityValue(), specificity, -i};
                }
            }
            if (score == null || score[0] <= 0) {
                continue;
            }
            boolean wildcardTie = bestScore != null && score[1] == 0 && bestScore[1] == 0 && score[0] == bestScore[0];
            if (bestScore == null || wildcardTie || compare(score, bestScore) > 0) {
                best = producible;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int compare(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static ServerResponse error(ErrorCode code, String message, MediaType contentType) {
        return error(ServerResponse.status(code.httpStatus()), code, message, contentType);
    }

    static ServerResponse error(
            ServerResponse.BodyBuilder response, ErrorCode code, String message, MediaType contentType) {
        return response.contentType(contentType).body(ApiError.of(code, message).toJson());
    }

    static ServerResponse notAcceptable() {
        return error(
                ErrorCode.NOT_ACCEPTABLE,
                "Accept must allow application/graphql-response+json or application/json",
                MediaType.APPLICATION_JSON);
    }

    /** Spring's handler plus GET, negotiation with quality values and GraphQL-shaped 4xx bodies. */
    static final class Handler extends GraphQlHttpHandler {

        private final WebGraphQlHandler graphQlHandler;

        private final JsonMapper jsonMapper;

        private final DocumentCache documents;

        private final HttpCaching caching;

        private final IdGenerator idGenerator = new AlternativeJdkIdGenerator();

        private final long maxResponseSize;

        Handler(
                WebGraphQlHandler graphQlHandler,
                JsonMapper jsonMapper,
                DocumentCache documents,
                HttpCaching caching,
                LimitsProperties limits) {
            super(graphQlHandler);
            this.maxResponseSize = limits.maxResponseSize().toBytes();
            this.graphQlHandler = graphQlHandler;
            this.jsonMapper = jsonMapper;
            this.documents = documents;
            this.caching = caching;
        }

        /** POST. */
        @Override
        public ServerResponse handleRequest(ServerRequest request) throws ServletException {
            Optional<MediaType> mediaType = negotiate(request);
            if (mediaType.isEmpty()) {
                return notAcceptable();
            }
            try {
                return super.handleRequest(request);
            } catch (HttpMediaTypeNotSupportedException ex) {
                return error(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", mediaType.get());
            } catch (HttpMessageNotReadableException ex) {
                return error(
                        ErrorCode.BAD_REQUEST,
                        "The request body is not a JSON object {query, operationName, variables, extensions}",
                        mediaType.get());
            } catch (ResponseStatusException ex) {
                return error(
                        ErrorCode.BAD_REQUEST,
                        "Not a GraphQL request: " + StringUtils.capitalize(String.valueOf(ex.getReason())),
                        mediaType.get());
            }
        }

        /** GET: queries only. */
        ServerResponse handleGet(ServerRequest request) {
            Optional<MediaType> mediaType = negotiate(request);
            if (mediaType.isEmpty()) {
                return notAcceptable();
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
                return error(ErrorCode.BAD_REQUEST, ex.getMessage(), mediaType.get());
            }
            String hash = (extensions.get("persistedQuery") instanceof Map<?, ?> apq
                            && apq.get("sha256Hash") instanceof String sha256)
                    ? sha256
                    : null;
            if (query == null && !extensions.containsKey("persistedQuery")) {
                return error(ErrorCode.BAD_REQUEST, "Not a GraphQL request: no 'query' parameter", mediaType.get());
            }
            if (selectsNonQueryOperation(query, hash, operationName)) {
                return error(
                        ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST),
                        ErrorCode.METHOD_NOT_ALLOWED,
                        "Only query operations may be sent with GET; send mutations with POST",
                        mediaType.get());
            }
            Optional<ServerResponse> notModified = caching.notModified(request, mediaType.get(), query, hash);
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
            return prepareResponse(request, graphQlHandler.handleRequest(graphQlRequest));
        }

        @Override
        protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> responseMono) {
            MediaType contentType = negotiate(request).orElse(MediaType.APPLICATION_JSON);
            Mono<ServerResponse> response = responseMono.map((graphQlResponse) -> {
                if (graphQlResponse.getData() instanceof org.reactivestreams.Publisher<?>) {
                    return subscriptionRefused(contentType);
                }
                Map<String, Object> answer = graphQlResponse.toMap();
                HttpStatus status = selectResponseStatus(graphQlResponse, contentType);
                long size = ResponseJson.estimatedSize(answer, maxResponseSize);
                if (size > maxResponseSize) {
                    // Refused before a byte is written: the budget bounds the memory writing takes.
                    log.warn(
                            "RESPONSE_TOO_LARGE: answer to {} {} over {} characters, not sent",
                            request.method(),
                            request.path(),
                            maxResponseSize);
                    answer = tooLarge();
                    size = 1024;
                    status = HttpStatus.OK;
                } else if (!graphQlResponse.isValid() && refusedForLoad(answer)) {
                    status = HttpStatus.SERVICE_UNAVAILABLE;
                }
                var builder = ServerResponse.status(status)
                        .headers((headers) -> headers.putAll(graphQlResponse.getResponseHeaders()))
                        .contentType(contentType);
                if (status == HttpStatus.SERVICE_UNAVAILABLE) builder.header("Retry-After", "5");
                return caching.respond(request, answer, ResponseJson.write(jsonMapper, answer, size), builder);
            });
            return ServerResponse.async(response.toFuture());
        }

        private Map<String, Object> tooLarge() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(
                    "errors",
                    List.of(new ApiError(
                                    ErrorCode.RESPONSE_TOO_LARGE,
                                    "The answer would be larger than " + maxResponseSize
                                            + " characters and was not sent; ask for smaller pages or fewer text fields",
                                    Map.of("limit", maxResponseSize))
                            .toMap()));
            answer.put("data", null);
            return answer;
        }

        /** The request was refused before execution because the server is busy or the database down. */
        private static boolean refusedForLoad(Map<String, Object> answer) {
            if (answer.containsKey("data")) return false; // execution started: GraphQL over HTTP says 200
            if (!(answer.get("errors") instanceof List<?> errors) || errors.isEmpty()) return false;
            if (!(errors.get(0) instanceof Map<?, ?> error)) return false;
            if (!(error.get("extensions") instanceof Map<?, ?> extensions)) return false;
            Object code = extensions.get("code");
            return ErrorCode.OVERLOADED.name().equals(code)
                    || ErrorCode.SERVICE_UNAVAILABLE.name().equals(code);
        }

        /**
         * A subscription sent as a plain request (one JSON answer) cannot be answered: it is a stream. The
         * answer says where subscriptions are served; nothing was subscribed (the stream is lazy).
         */
        private static ServerResponse subscriptionRefused(MediaType contentType) {
            return error(
                    ServerResponse.status(
                            MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(contentType)
                                    ? HttpStatus.BAD_REQUEST
                                    : HttpStatus.OK),
                    ErrorCode.SUBSCRIPTION_NEEDS_STREAM,
                    "A subscription is a stream and needs a streaming transport: GraphQL over WebSocket"
                            + " (graphql-transport-ws, the graphql-ws library) at this path, or GraphQL over SSE"
                            + " (POST with 'Accept: text/event-stream')",
                    contentType);
        }

        /**
         * Whether the operation that the request selects is a mutation or subscription. The document is
         * taken from the cache (by hash or text) or parsed; an unknown hash or a document that does not
         * parse is left to execution, which reports it as a GraphQL error.
         */
        private boolean selectsNonQueryOperation(String query, String hash, String operationName) {
            Optional<Document> document = documents.cachedDocument(query, hash);
            if (document.isEmpty() && query != null) {
                try {
                    document = Optional.of(Parser.parse(query));
                } catch (InvalidSyntaxException ex) {
                    return false;
                }
            }
            List<OperationDefinition> operations = document.map(
                            (d) -> d.getDefinitionsOfType(OperationDefinition.class))
                    .orElse(List.of());
            Optional<OperationDefinition> selected = (operationName == null)
                    ? ((operations.size() == 1) ? Optional.of(operations.get(0)) : Optional.empty())
                    : operations.stream()
                            .filter((o) -> operationName.equals(o.getName()))
                            .findFirst();
            return selected.map((o) -> o.getOperation() != OperationDefinition.Operation.QUERY)
                    .orElse(false);
        }

        private Map<String, Object> jsonObject(ServerRequest request, String name) {
            Optional<String> value = request.param(name).filter(StringUtils::hasText);
            if (value.isEmpty() || value.get().equals("null")) {
                return Map.of();
            }
            try {
                Map<String, Object> map =
                        jsonMapper.readValue(value.get(), new TypeReference<Map<String, Object>>() {});
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
}
