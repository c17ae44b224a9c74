package org.newsgraph.auth;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * HTTP security: every URL is open (reads, GraphiQL and its assets, health), authentication is by bearer
 * API key only, stateless, without CSRF (no cookies are used, so there is nothing to forge) and without
 * login pages. Whether a request may write is decided per mutation by {@link EditorAccess}, because
 * reads and writes share {@code POST /graphql}.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyService keys) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .build();
    }

    /**
     * No Micrometer observation per security filter, per authentication and per authorization: with an
     * {@code ObservationRegistry} present (the actuator's), Spring Security otherwise wraps each of the chain's
     * filters in an observation of its own on every request, which took about a tenth of the server's CPU on a
     * cheap query (bench A1). The request as a whole is still observed ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** There are no passwords: this provider keeps Boot from creating a default user with a generated one. */
    @Bean
    AuthenticationProvider noPasswordLogins() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                throw new BadCredentialsException("NewsGraph authenticates by API key only");
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return false;
            }
        };
    }
}
