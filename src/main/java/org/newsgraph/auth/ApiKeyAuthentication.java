package org.newsgraph.auth;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of a valid API key: the key's name with its role's authorities (an editor is a reader
 * too). Made for {@code Authorization: Bearer} on HTTP ({@link ApiKeyAuthenticationFilter}) and for the key of a
 * WebSocket's {@code connection_init} (org.newsgraph.live), so that {@link EditorAccess} decides alike on both.
 */
public final class ApiKeyAuthentication {

    private ApiKeyAuthentication() {}

    public static Authentication of(ApiKeyService.ApiKey key) {
        var authorities = key.role() == Role.EDITOR
                ? List.of(
                        new SimpleGrantedAuthority(Role.EDITOR.authority()),
                        new SimpleGrantedAuthority(Role.READER.authority()))
                : List.of(new SimpleGrantedAuthority(Role.READER.authority()));
        return UsernamePasswordAuthenticationToken.authenticated(key.name(), null, authorities);
    }
}
