package org.newsgraph.auth;

import java.util.Map;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The check at the top of every mutation: the caller must hold an EDITOR API key. */
@Component
public class EditorAccess {

    /**
     * @throws ApiException {@code UNAUTHORIZED} without a valid key, {@code FORBIDDEN} with a reader's key
     */
    public void requireEditor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED,
                    "Mutations need an editor's API key: send 'Authorization: Bearer <key>' (no key, or the key is unknown or revoked)",
                    Map.of());
        }
        boolean editor = authentication.getAuthorities().stream()
                .anyMatch(a -> Role.EDITOR.authority().equals(a.getAuthority()));
        if (!editor) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "The API key of '" + authentication.getName()
                            + "' may read but not write; mutations need an EDITOR key",
                    Map.of());
        }
    }
}
