package org.newsgraph.web;

import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.httpcache.HttpCaching;
import org.newsgraph.limits.LimitsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
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
 * {@code data}), 200 when execution started. Served by {@link GraphQlOverHttpHandler} (POST and the answer),
 * {@link GetRequests} (GET) and {@link AcceptNegotiation}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class GraphQlOverHttp {

    @Bean
    GraphQlHttpHandler graphQlHttpHandler(
            WebGraphQlHandler webGraphQlHandler,
            JsonMapper jsonMapper,
            DocumentCache documents,
            HttpCaching caching,
            LimitsProperties limits) {
        return new GraphQlOverHttpHandler(webGraphQlHandler, jsonMapper, documents, caching, limits);
    }

    /** Boot's SSE route with {@link ErrorReportingSseHandler} in place of Spring's handler. */
    @Bean
    GraphQlSseHandler graphQlSseHandler(
            WebGraphQlHandler webGraphQlHandler, GraphQlProperties properties, JsonMapper jsonMapper) {
        var sse = properties.getHttp().getSse();
        return new ErrorReportingSseHandler(webGraphQlHandler, sse.getTimeout(), sse.getKeepAlive(), jsonMapper);
    }

    /** Ordered before Boot's GraphQL routes ({@code @Order(0)}), whose GET answers 405 for everything. */
    @Bean
    @Order(-1)
    RouterFunction<ServerResponse> graphQlOverHttpRouterFunction(
            GraphQlHttpHandler handler, @Value("${spring.graphql.http.path:/graphql}") String path) {
        GraphQlOverHttpHandler spec = (GraphQlOverHttpHandler) handler;
        return RouterFunctions.route()
                .GET(path, spec::handleGet)
                .POST(
                        path,
                        (request) -> AcceptNegotiation.negotiate(request).isEmpty()
                                && !AcceptNegotiation.acceptsEventStream(request),
                        (request) -> notAcceptable())
                .build();
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
}
