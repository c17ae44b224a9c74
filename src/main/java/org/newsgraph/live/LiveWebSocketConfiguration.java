package org.newsgraph.live;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket at {@code /graphql} ({@code spring.graphql.websocket.path}): Spring for GraphQL's
 * handler of the {@code graphql-transport-ws} protocol, which Boot maps ahead of the HTTP routes for
 * upgrade requests only, plus a clear refusal of the older {@code subscriptions-transport-ws} protocol
 * (subprotocol {@code graphql-ws}): the connection is accepted and closed at once with code 4406 and a
 * reason that names the protocol to use. The session is kept in its attributes, so that a subscription
 * whose client reads too slowly can close its connection ({@link LiveWebSocketInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LiveWebSocketConfiguration {

    static final String SESSION = LiveWebSocketConfiguration.class.getName() + ".session";

    static final String TRANSPORT_WS = "graphql-transport-ws";
    static final String LEGACY_SUBPROTOCOL = "graphql-ws";

    static final CloseStatus LEGACY_REFUSED = new CloseStatus(
            4406,
            "subscriptions-transport-ws (graphql-ws) is not served: use graphql-transport-ws (graphql-ws library)");

    @Bean
    @SuppressWarnings("unchecked")
    GraphQlWebSocketHandler graphQlWebSocketHandler(
            WebGraphQlHandler webGraphQlHandler,
            GraphQlProperties properties,
            GraphQlCorsProperties cors,
            JsonMapper jsonMapper) {
        var converter = (HttpMessageConverter<Object>)
                (HttpMessageConverter<?>) new JacksonJsonHttpMessageConverter(jsonMapper);
        return new GraphQlWebSocketHandler(
                webGraphQlHandler,
                converter,
                properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive(),
                cors.toCorsConfiguration()) {

            @Override
            public List<String> getSubProtocols() {
                return List.of(TRANSPORT_WS, LEGACY_SUBPROTOCOL);
            }

            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                if (LEGACY_SUBPROTOCOL.equals(session.getAcceptedProtocol())) {
                    try {
                        session.close(LEGACY_REFUSED);
                    } catch (IOException e) {
                        // the client is gone already
                    }
                    return;
                }
                session.getAttributes().put(SESSION, session);
                super.afterConnectionEstablished(session);
            }
        };
    }
}
