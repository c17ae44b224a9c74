package org.newsgraph.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <key>} and, for a valid key, authenticates the request with the
 * key's role (an editor is a reader too). No header, or a key that is unknown or revoked, leaves the
 * request anonymous: reading needs no key, and a mutation then answers {@code UNAUTHORIZED}.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyService keys;

    ApiKeyAuthenticationFilter(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var key = keys.find(header.substring(7).trim());
            if (key.isPresent()) {
                var role = key.get().role();
                var authorities = role == Role.EDITOR
                        ? List.of(
                                new SimpleGrantedAuthority(Role.EDITOR.authority()),
                                new SimpleGrantedAuthority(Role.READER.authority()))
                        : List.of(new SimpleGrantedAuthority(Role.READER.authority()));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        key.get().name(), null, authorities));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
