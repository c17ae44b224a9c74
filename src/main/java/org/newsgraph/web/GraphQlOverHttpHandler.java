package org.newsgraph.web;

import jakarta.servlet.ServletException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.httpcache.HttpCaching;
import org.newsgraph.limits.LimitsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The {@code /graphql} handler: Spring's {@link GraphQlHttpHandler} (POST) plus GET ({@link GetRequests}),
 * {@code Accept} negotiation with quality values ({@link AcceptNegotiation}), GraphQL-shaped 4xx bodies, the
 * response byte budget ({@code RESPONSE_TOO_LARGE}, checked before a byte is written) and 503 for requests
 * refused for load.
 */
final class GraphQlOverHttpHandler extends GraphQlHttpHandler {

    private static final Logger log = LoggerFactory.getLogger(GraphQlOverHttpHandler.class);

    private final WebGraphQlHandler graphQlHandler;

    private final JsonMapper jsonMapper;

    private final GetRequests getRequests;

    private final HttpCaching caching;

    private final long maxResponseSize;

    GraphQlOverHttpHandler(
            WebGraphQlHandler graphQlHandler,
            JsonMapper jsonMapper,
            DocumentCache documents,
            HttpCaching caching,
            LimitsProperties limits) {
        super(graphQlHandler, strictBodyConverter(jsonMapper));
        this.maxResponseSize = limits.maxResponseSize().toBytes();
        this.graphQlHandler = graphQlHandler;
        this.jsonMapper = jsonMapper;
        this.getRequests = new GetRequests(jsonMapper, documents, caching);
        this.caching = caching;
    }

    /**
     * Reads POST bodies as JSON without Jackson's scalar coercions: {@code "query": 5} or
     * {@code "operationName": true} is a malformed request (400 {@code BAD_REQUEST}), not the document {@code "5"}.
     */
    static JacksonJsonHttpMessageConverter strictBodyConverter(JsonMapper jsonMapper) {
        JsonMapper strict = jsonMapper
                .rebuild()
                .withCoercionConfig(
                        LogicalType.Textual,
                        (config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        return new JacksonJsonHttpMessageConverter(strict);
    }

    /** POST. */
    @Override
    public ServerResponse handleRequest(ServerRequest request) throws ServletException {
        Optional<MediaType> mediaType = AcceptNegotiation.negotiate(request);
        if (mediaType.isEmpty()) {
            return GraphQlOverHttp.notAcceptable();
        }
        try {
            return super.handleRequest(request);
        } catch (HttpMediaTypeNotSupportedException ex) {
            return GraphQlOverHttp.error(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", mediaType.get());
        } catch (HttpMessageNotReadableException ex) {
            return GraphQlOverHttp.error(
                    ErrorCode.BAD_REQUEST,
                    "The request body is not a JSON object {query, operationName, variables, extensions}",
                    mediaType.get());
        } catch (ResponseStatusException ex) {
            return GraphQlOverHttp.error(
                    ErrorCode.BAD_REQUEST,
                    "Not a GraphQL request: " + StringUtils.capitalize(String.valueOf(ex.getReason())),
                    mediaType.get());
        }
    }

    /** GET: queries only ({@link GetRequests}). */
    ServerResponse handleGet(ServerRequest request) {
        return getRequests.handle(
                request, (graphQlRequest) -> prepareResponse(request, graphQlHandler.handleRequest(graphQlRequest)));
    }

    @Override
    protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> responseMono) {
        MediaType contentType = AcceptNegotiation.negotiate(request).orElse(MediaType.APPLICATION_JSON);
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
            } else if (refusedForLoad(answer, contentType)) {
                status = HttpStatus.SERVICE_UNAVAILABLE;
            }
            var builder = ServerResponse.status(status)
                    .headers((headers) -> headers.putAll(graphQlResponse.getResponseHeaders()))
                    .contentType(contentType);
            if (status == HttpStatus.SERVICE_UNAVAILABLE) builder.header("Retry-After", "5");
            return caching.respond(request, answer, ResponseJson.write(jsonMapper, answer, size), builder);
        });
        CompletableFuture<ServerResponse> future = response.toFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            // Answered already (the data fetchers and loaders ran on this thread): written now. An asynchronous
            // response would start an asynchronous cycle and dispatch the request through the filters and the
            // handler mappings once more only to write it.
            return future.join();
        }
        return ServerResponse.async(future);
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

    /**
     * Nothing was served because the server is busy or the database down: the request was refused before
     * execution (no {@code data}), or, with {@code application/graphql-response+json}, every field failed with
     * {@code SERVICE_UNAVAILABLE} ({@code data: null}). Such an answer is a 503 with {@code Retry-After}, so that
     * HTTP clients, proxies and load balancers see a server that cannot serve now, not a 200 or a 500. With
     * {@code application/json} an executed request stays 200, as GraphQL over HTTP asks of that media type.
     */
    private static boolean refusedForLoad(Map<String, Object> answer, MediaType contentType) {
        boolean executed = answer.containsKey("data");
        if (executed && (answer.get("data") != null || !MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(contentType))) {
            return false;
        }
        if (!(answer.get("errors") instanceof List<?> errors) || errors.isEmpty()) return false;
        for (Object item : errors) {
            if (!(item instanceof Map<?, ?> error) || !(error.get("extensions") instanceof Map<?, ?> extensions)) {
                return false;
            }
            Object code = extensions.get("code");
            boolean unavailable = ErrorCode.SERVICE_UNAVAILABLE.name().equals(code)
                    || (!executed && ErrorCode.OVERLOADED.name().equals(code));
            if (!unavailable) return false;
            if (!executed) break; // a request error: the first error is the refusal
        }
        return true;
    }

    /**
     * A subscription sent as a plain request (one JSON answer) cannot be answered: it is a stream. The
     * answer says where subscriptions are served; nothing was subscribed (the stream is lazy).
     */
    private static ServerResponse subscriptionRefused(MediaType contentType) {
        return GraphQlOverHttp.error(
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
}
