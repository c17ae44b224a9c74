package org.newsgraph.live;

import org.newsgraph.auth.ApiKeyService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket at {@code /graphql} ({@code spring.graphql.websocket.path}), which Boot maps ahead of
 * the HTTP routes for upgrade requests only: our {@link LiveWebSocketHandler} in place of Boot's handler.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LiveWebSocketConfiguration {

    @Bean
    @SuppressWarnings("unchecked")
    GraphQlWebSocketHandler graphQlWebSocketHandler(
            WebGraphQlHandler webGraphQlHandler,
            GraphQlProperties properties,
            GraphQlCorsProperties cors,
            JsonMapper jsonMapper,
            ApiKeyService apiKeys,
            LiveProperties live) {
        var converter = (HttpMessageConverter<Object>)
                (HttpMessageConverter<?>) new JacksonJsonHttpMessageConverter(jsonMapper);
        return new LiveWebSocketHandler(
                webGraphQlHandler,
                converter,
                properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive(),
                cors.toCorsConfiguration(),
                apiKeys,
                jsonMapper,
                live);
    }
}
