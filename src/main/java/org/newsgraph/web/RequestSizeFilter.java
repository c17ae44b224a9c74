package org.newsgraph.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.limits.LimitsProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code newsgraph.limits.max-request-size} with 413 and a GraphQL-shaped
 * error ({@code REQUEST_TOO_LARGE}) before anything parses them. A declared Content-Length over the
 * limit is refused without reading; a body without one (chunked) is read up to the limit and replayed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestSizeFilter(LimitsProperties limits) {
        this.maxBytes = limits.maxRequestSize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            tooLarge(response);
            return;
        }
        if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        var buffer = new ByteArrayOutputStream();
        var in = request.getInputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) != -1; ) {
            buffer.write(chunk, 0, n);
            if (buffer.size() > maxBytes) {
                tooLarge(response);
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(request, buffer.toByteArray()), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        new ApiError(
                        ErrorCode.REQUEST_TOO_LARGE,
                        "The request body is larger than " + maxBytes + " bytes",
                        Map.of("limit", maxBytes))
                .writeTo(response);
    }
}
