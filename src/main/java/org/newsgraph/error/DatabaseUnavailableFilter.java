package org.newsgraph.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Database failures that happen outside GraphQL execution, in servlet filters (the API-key lookup of
 * every request with an {@code Authorization} header): without this they would end in the container's
 * 500 page. A database that is down or a statement that timed out answers 503 with a GraphQL-shaped
 * error ({@code SERVICE_UNAVAILABLE} or {@code TIMEOUT}) and an error id that the log line repeats.
 * Ordered before Spring Security's filter chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException ex) {
            var kind = DatabaseFailures.classify(ex);
            if (kind == null || kind == DatabaseFailures.Kind.UNSTORABLE_INPUT || response.isCommitted()) {
                throw ex;
            }
            var errorId = UUID.randomUUID().toString();
            Throwable root = ex;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            log.warn(
                    "Database {} {} at {} {}: {}: {}",
                    kind == DatabaseFailures.Kind.TIMEOUT ? "timeout" : "unavailable",
                    errorId,
                    request.getMethod(),
                    request.getRequestURI(),
                    root.getClass().getSimpleName(),
                    root.getMessage());
            String code = kind == DatabaseFailures.Kind.TIMEOUT ? "TIMEOUT" : "SERVICE_UNAVAILABLE";
            String message = kind == DatabaseFailures.Kind.TIMEOUT
                    ? "The database took too long to answer; try again later (error id " + errorId + ")"
                    : "The database is unavailable; try again shortly (error id " + errorId + ")";
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream()
                    .write(("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code
                                    + "\",\"errorId\":\"" + errorId + "\"}}]}")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }
}
