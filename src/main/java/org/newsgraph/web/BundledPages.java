package org.newsgraph.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * What the pages bundled at build time ({@code /graphiql}, {@code /explore}) answer alike: their
 * {@code index.html} with the GraphQL endpoint written into it, and the redirect from {@code /page} to
 * {@code /page/}, so that the bundle's relative URLs resolve.
 */
public final class BundledPages {

    /** The placeholder a bundle's {@code index.html} carries for the endpoint. */
    public static final String GRAPHQL_PATH_META = "<meta name=\"graphql-path\" content=\"\">";

    private BundledPages() {}

    /** {@code base} to {@code base/}, keeping the query string and the context path. */
    public static ServerResponse redirectToDirectory(ServerRequest request, String base) {
        String query = request.uri().getRawQuery();
        String target = request.requestPath().contextPath().value() + base + "/" + (query != null ? "?" + query : "");
        return ServerResponse.status(HttpStatus.FOUND)
                .location(URI.create(target))
                .build();
    }

    /** The page's HTML with the endpoint (under the context path) in its meta tag, never cached stale. */
    public static ServerResponse page(
            ServerRequest request, String html, String graphqlPath, String contentSecurityPolicy) {
        String endpoint = request.requestPath().contextPath().value() + graphqlPath;
        String body = html.replace(
                GRAPHQL_PATH_META, "<meta name=\"graphql-path\" content=\"" + HtmlUtils.htmlEscape(endpoint) + "\">");
        return ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }
}
