package org.newsgraph.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests to the GraphQL endpoint that are not GraphQL requests, before anything parses them,
 * with a 4xx and the API's error body (instead of a 500, Spring's default body or a stack trace in the
 * log):
 * <ul>
 * <li>a method other than GET, POST or OPTIONS (HEAD included: an answer without its body is of no use to
 * a GraphQL client): 405 with {@code Allow: GET, POST};</li>
 * <li>an OPTIONS that is not a CORS preflight: 204 with {@code Allow: GET, POST, OPTIONS} (a preflight goes
 * on to the CORS handling);</li>
 * <li>an {@code Accept} header that does not parse as media types (Spring's parser refuses more than 50
 * elements, for one): 406;</li>
 * <li>a GET whose query string does not decode (invalid UTF-8 or percent-encoding): 400;</li>
 * <li>a POST whose {@code Content-Type} is not JSON ({@code application/json} or {@code +json}): 415;</li>
 * <li>a POST with a {@code Content-Encoding} (gzip, deflate, ...): 415 with {@code Accept-Encoding: identity}
 * (RFC 9110 15.5.16). Bodies are not decompressed, so a compressed body cannot grow past the size limit
 * after it was checked;</li>
 * <li>a JSON POST whose body is not a JSON object: {@code null}, a string or number, an empty body, or
 * an array (a batch, which this server does not run): 400. Only the first significant byte is looked
 * at; the body then streams on as sent.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class RequestShapeFilter extends OncePerRequestFilter {

    private static final Set<String> METHODS = Set.of("GET", "POST", "OPTIONS");

    /** Spring's routing sorts the accepted types and refuses more than 50 (MimeTypeUtils.sortBySpecificity). */
    private static final int MAX_ACCEPTED_TYPES = 50;

    private final String path;

    RequestShapeFilter(@Value("${spring.graphql.http.path:/graphql}") String path) {
        this.path = path;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            response.setHeader("Allow", "GET, POST");
            ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, "The GraphQL endpoint takes GET (queries) and POST")
                    .writeTo(response);
            return;
        }
        if (method.equals("OPTIONS") && request.getHeader("Access-Control-Request-Method") == null) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            response.setHeader("Allow", "GET, POST, OPTIONS");
            return;
        }
        if (!acceptParses(request)) {
            ApiError.of(
                            ErrorCode.NOT_ACCEPTABLE,
                            "The Accept header is not a list of media types; send application/graphql-response+json"
                                    + " or application/json")
                    .writeTo(response);
            return;
        }
        if (method.equals("GET")) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException undecodable) { // Tomcat's InvalidParameterException
                ApiError.of(
                                ErrorCode.BAD_REQUEST,
                                "The query string does not decode: parameters must be percent-encoded UTF-8")
                        .writeTo(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (method.equals("POST") && !isJson(request.getContentType())) {
            ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json")
                    .writeTo(response);
            return;
        }
        String coding = request.getHeader("Content-Encoding");
        if (method.equals("POST")
                && coding != null
                && !coding.isBlank()
                && !coding.trim().equalsIgnoreCase("identity")) {
            response.setHeader("Accept-Encoding", "identity");
            ApiError.of(
                            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "Content-Encoding is not supported: send the body uncompressed (identity)")
                    .writeTo(response);
            return;
        }
        if (method.equals("POST")) {
            ServletInputStream in = request.getInputStream();
            int first = in.read();
            while (first == ' ' || first == '\t' || first == '\n' || first == '\r') first = in.read();
            if (first != '{') {
                ApiError.of(ErrorCode.BAD_REQUEST, problem(first)).writeTo(response);
                return;
            }
            chain.doFilter(new FirstByteReplayed(request, in, first), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String problem(int first) {
        if (first == -1) return "The request body is empty; send a JSON object {query, operationName, variables}";
        if (first == '[') {
            return "Batched requests (a JSON array) are not supported; send one JSON object {query, ...} per request";
        }
        return "The request body is not a JSON object {query, operationName, variables, extensions}";
    }

    private static boolean acceptParses(HttpServletRequest request) {
        var values = request.getHeaders("Accept");
        try {
            int count = 0;
            while (values.hasMoreElements()) {
                count += MediaType.parseMediaTypes(values.nextElement()).size();
            }
            return count <= MAX_ACCEPTED_TYPES;
        } catch (RuntimeException invalid) { // InvalidMediaTypeException, InvalidMimeTypeException
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) return false;
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    /** The request with its body's first byte put back in front of the rest of the stream. */
    private static final class FirstByteReplayed extends HttpServletRequestWrapper {
        private final ServletInputStream body;

        FirstByteReplayed(HttpServletRequest request, ServletInputStream rest, int first) {
            super(request);
            this.body = new ServletInputStream() {
                private boolean firstRead;

                @Override
                public int read() throws IOException {
                    if (!firstRead) {
                        firstRead = true;
                        return first;
                    }
                    return rest.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) return 0;
                    if (!firstRead) {
                        firstRead = true;
                        b[off] = (byte) first;
                        int more = rest.read(b, off + 1, len - 1);
                        return 1 + Math.max(more, 0);
                    }
                    return rest.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return firstRead && rest.isFinished();
                }

                @Override
                public boolean isReady() {
                    return !firstRead || rest.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    rest.setReadListener(listener);
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding == null) ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(body, charset));
        }
    }
}
