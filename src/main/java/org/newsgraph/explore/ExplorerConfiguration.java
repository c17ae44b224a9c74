package org.newsgraph.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.newsgraph.web.BundledPages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the explorer at {@code /explore/}: the page {@code src/main/frontend/src/explorer} bundles into
 * {@code classpath:static/explore/} (search, actor and event pages over {@code /graphql}). The page gets
 * the GraphQL endpoint in its {@code graphql-path} meta tag and a Content-Security-Policy that allows this
 * origin only, so nothing loads from another host. On by default; {@code newsgraph.explorer.enabled=false}
 * turns it off. Without the bundle (built with {@code -Dfrontend.skip=true}) it logs a warning and routes
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "newsgraph.explorer.enabled", matchIfMissing = true)
public class ExplorerConfiguration {

    static final String BUNDLE_LOCATION = "static/explore/";
    static final String PATH = "/explore";
    /** Same origin only; inline styles because Cytoscape.js and React set style attributes at run time. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                    + "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private static final Log logger = LogFactory.getLog(ExplorerConfiguration.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> explorerRouterFunction(
            @Value("${spring.graphql.http.path:/graphql}") String graphqlPath) {
        var index = new ClassPathResource(BUNDLE_LOCATION + "index.html");
        if (!index.exists()) {
            logger.warn("Explorer bundle not found (classpath:" + BUNDLE_LOCATION + "index.html): " + PATH
                    + " is not served. Build with Node.js and npm on PATH to bundle it.");
            return request -> Optional.empty();
        }
        String html;
        try {
            html = index.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + index, e);
        }
        logger.info("Explorer at " + PATH + "/ (GraphQL endpoint " + graphqlPath + ")");
        return RouterFunctions.route()
                .GET(PATH, request -> BundledPages.redirectToDirectory(request, PATH))
                .GET(PATH + "/", request -> BundledPages.page(request, html, graphqlPath, CONTENT_SECURITY_POLICY))
                .GET(
                        PATH + "/index.html",
                        request -> BundledPages.page(request, html, graphqlPath, CONTENT_SECURITY_POLICY))
                .resources(
                        PATH + "/**",
                        new ClassPathResource(BUNDLE_LOCATION),
                        (resource, headers) -> headers.setCacheControl(CacheControl.noCache()))
                .build();
    }
}
