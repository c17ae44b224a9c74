package org.newsgraph.httpcache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * HTTP caching of GraphQL answers to {@code GET /graphql} (persisted queries included), so that a CDN or
 * reverse proxy can serve the hot reads: an anonymous GET whose answer has no errors gets
 * {@code Cache-Control: public, max-age=N} ({@code newsgraph.http-cache.max-age}, default 10 s; 0 turns
 * caching off) and a strong {@code ETag} (a hash of the body), and a request whose {@code If-None-Match}
 * names that tag gets 304 without a body. Everything else stays {@code no-store}: requests with an
 * {@code Authorization} header, POST (mutations; reads sent by POST), and answers with errors (a
 * persisted query not found yet, a timeout). Cacheable answers say {@code Vary: Accept,
 * NewsGraph-Consistency-Token}: the media type depends on {@code Accept}, and a client asking to read its
 * own write must not get a cached answer from before it.
 *
 * <p>The tag names the data version and the request ({@link DataVersionTags}), so a request that names the
 * current tag is answered 304 before anything executes, and any committed write makes every earlier tag stale.
 * With read replicas the tag is a hash of the answer instead: a 304 then still executes the query, and saves
 * only the transfer.
 */
@Component
public class HttpCaching {

    /** The header by which a client asks to see its own writes (org.newsgraph.replica). */
    public static final String CONSISTENCY_TOKEN_HEADER = "NewsGraph-Consistency-Token";

    static final String VARY = HttpHeaders.ACCEPT + ", " + CONSISTENCY_TOKEN_HEADER;

    /** The request attribute holding the tag that {@link #notModified} computed for the answer. */
    private static final String TAG = HttpCaching.class.getName() + ".tag";

    private final String cacheControl;

    private final DataVersionTags tags;

    public HttpCaching(@Value("${newsgraph.http-cache.max-age:10s}") Duration maxAge, DataVersionTags tags) {
        this.cacheControl = maxAge.isZero() || maxAge.isNegative() ? null : "public, max-age=" + maxAge.toSeconds();
        this.tags = tags;
    }

    /**
     * Before a GET executes: the 304 to send when the request's {@code If-None-Match} names the tag of its
     * answer at the current data version, else empty (the tag is kept for {@link #respond}). {@code query} is
     * ignored when the request names a persisted query by {@code persistedQueryHash}, so that the request that
     * registers it and the ones that send only the hash share the tag. Throws the database failure when the data
     * version cannot be read for want of a connection: the query would wait for one a second time.
     */
    public Optional<ServerResponse> notModified(
            ServerRequest request, MediaType mediaType, String query, String persistedQueryHash) {
        if (request.method() != HttpMethod.GET
                || cacheControl == null
                || request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null
                || request.headers().firstHeader(CONSISTENCY_TOKEN_HEADER) != null) {
            return Optional.empty();
        }
        Optional<String> tag = tags.tag(Arrays.asList(
                mediaType.toString(),
                persistedQueryHash == null ? query : null,
                persistedQueryHash,
                request.param("operationName").orElse(null),
                request.param("variables").orElse(null),
                request.param("extensions").orElse(null)));
        if (tag.isEmpty()) {
            return Optional.empty();
        }
        request.attributes().put(TAG, tag.get());
        List<String> ifNoneMatch = request.headers().header(HttpHeaders.IF_NONE_MATCH);
        // "*" would match whatever the answer is, errors included: that one needs the answer
        if (!ifNoneMatch.isEmpty() && !ifNoneMatch.contains("*") && matches(ifNoneMatch, tag.get())) {
            return Optional.of(notModifiedResponse(tag.get()));
        }
        return Optional.empty();
    }

    /**
     * The response to send for {@code body}, the serialized GraphQL answer {@code answer} to {@code request}:
     * {@code response} with caching headers, or a 304 when the client holds this answer already.
     */
    public ServerResponse respond(
            ServerRequest request, Map<String, Object> answer, byte[] body, ServerResponse.BodyBuilder response) {
        if (request.method() != HttpMethod.GET) {
            return response.body(body);
        }
        if (cacheControl == null
                || request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null
                || answer.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            return response.header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
        }
        String etag = (request.attributes().get(TAG) instanceof String versioned) ? versioned : etag(body);
        if (matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), etag)) {
            return notModifiedResponse(etag);
        }
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, VARY)
                .body(body);
    }

    private ServerResponse notModifiedResponse(String etag) {
        return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, VARY)
                .build();
    }

    /** A strong entity tag: the first 128 bits of the body's SHA-256, base64url. */
    static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} header (each value a list of tags, or {@code *}) names {@code etag}, by
     * the weak comparison RFC 9110 prescribes for it ({@code W/} ignored).
     */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
