package org.newsgraph.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
            var code = DatabaseFailures.classify(ex);
            if (code == null || response.isCommitted()) {
                throw ex;
            }
            var errorId = ApiError.newErrorId();
            log.warn(
                    "{} {} at {} {}: {}",
                    code,
                    errorId,
                    request.getMethod(),
                    request.getRequestURI(),
                    DatabaseFailures.rootMessage(ex));
            DatabaseFailures.toApiError(code, errorId).writeTo(response);
        }
    }
}
