package org.newsgraph.graphiql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
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
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the offline GraphiQL page that {@code src/main/frontend} bundles into
 * {@code classpath:static/graphiql/} in place of Spring Boot's built-in {@code /graphiql} page, which
 * loads React and GraphiQL from esm.sh and so renders nothing on a machine without internet access.
 *
 * <ul>
 * <li>{@code GET /graphiql} redirects to {@code /graphiql/} (keeping the query string), so the page's
 * relative asset URLs resolve under {@code /graphiql/};</li>
 * <li>{@code GET /graphiql/} and {@code /graphiql/index.html} serve the page, with the GraphQL endpoint
 * (context path + {@code spring.graphql.http.path}) written into its {@code graphql-path} meta tag and
 * a Content-Security-Policy that allows this origin only;</li>
 * <li>{@code GET /graphiql/**} serves the bundle's scripts, workers, styles, fonts and
 * {@code examples.json}.</li>
 * </ul>
 * The routes are ordered before Boot's GraphQL router function ({@code @Order(0)}), so they win for
 * {@code /graphiql}. Active only with {@code spring.graphql.graphiql.enabled=true}, like Boot's page. When
 * the bundle is missing (built without Node.js, or with {@code -Dfrontend.skip=true}) this logs a warning
 * once and routes nothing: Boot's built-in page stays in place.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
public class GraphiQlConfiguration {

    /** Where the frontend build puts the bundle, relative to the classpath root. */
    static final String BUNDLE_LOCATION = "static/graphiql/";

    /** The empty meta tag in the bundle's index.html that the server fills in. */
    /**
     * Same-origin only; inline styles are allowed because Monaco and GraphiQL set style attributes and
     * add style elements at run time. No inline or eval'd script, no other host.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; worker-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /** esbuild's {@code [name]-[hash]} chunk and asset names, e.g. {@code chunk-6PPNHSLL.js}. */
    private static final Pattern HASHED_NAME = Pattern.compile(".+-[A-Z0-9]{8}\\.(js|ttf|woff2?)");

    private static final Log logger = LogFactory.getLog(GraphiQlConfiguration.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> offlineGraphiQlRouterFunction(
            @Value("${spring.graphql.graphiql.path:/graphiql}") String graphiqlPath,
            @Value("${spring.graphql.http.path:/graphql}") String graphqlPath) {
        Resource index = new ClassPathResource(BUNDLE_LOCATION + "index.html");
        if (!index.exists()) {
            logger.warn("Offline GraphiQL bundle not found (classpath:" + BUNDLE_LOCATION + "index.html): "
                    + graphiqlPath + " serves Spring Boot's built-in page, which loads GraphiQL from esm.sh and "
                    + "stays blank without internet access. Build with Node.js and npm on PATH to bundle it.");
            return (request) -> Optional.empty();
        }
        String html = read(index);
        if (!html.contains(BundledPages.GRAPHQL_PATH_META)) {
            logger.warn("Offline GraphiQL index.html has no " + BundledPages.GRAPHQL_PATH_META
                    + " tag; the page will call ../graphql relative to its scripts");
        }
        String base = graphiqlPath.endsWith("/") ? graphiqlPath.substring(0, graphiqlPath.length() - 1) : graphiqlPath;
        logger.info("Offline GraphiQL at " + base + "/ (GraphQL endpoint " + graphqlPath + ")");
        return RouterFunctions.route()
                .route(getOrHead(base), (request) -> BundledPages.redirectToDirectory(request, base))
                .route(
                        getOrHead(base + "/").or(getOrHead(base + "/index.html")),
                        (request) -> BundledPages.page(request, html, graphqlPath, CONTENT_SECURITY_POLICY))
                .resources(base + "/**", new ClassPathResource(BUNDLE_LOCATION), GraphiQlConfiguration::cacheHeaders)
                .build();
    }

    /**
     * Chunks and fonts carry a content hash in their names, so browsers may keep them; the entry files
     * (graphiql.js/.css, the workers, examples.json) keep their names and are revalidated with
     * Last-Modified, which the function response answers with 304 when unchanged.
     */
    private static void cacheHeaders(Resource resource, HttpHeaders headers) {
        String name = resource.getFilename();
        if (name != null && HASHED_NAME.matcher(name).matches()) {
            headers.setCacheControl(
                    CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        } else {
            headers.setCacheControl(CacheControl.noCache());
        }
        try {
            long lastModified = resource.lastModified();
            if (lastModified > 0) {
                headers.setLastModified(lastModified);
            }
        } catch (IOException ex) {
            // no validator then: the browser downloads the file again
        }
    }

    private static RequestPredicate getOrHead(String pattern) {
        return RequestPredicates.GET(pattern).or(RequestPredicates.HEAD(pattern));
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource, ex);
        }
    }
}
