package org.newsgraph.auth;

/** What an API key may do. Names equal the {@code api_keys.role} CHECK values. */
public enum Role {
    /** May read, like anybody; exists so that a client can be identified without write access. */
    READER,
    /** May also call mutations. */
    EDITOR;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
