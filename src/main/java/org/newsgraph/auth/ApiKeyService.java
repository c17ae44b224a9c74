package org.newsgraph.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API keys, stored as SHA-256 hashes in {@code api_keys}. A key is 32 random bytes (URL-safe Base64 with
 * an {@code ng_} prefix), so a plain hash without salt is safe: there is nothing to guess.
 */
@Service
public class ApiKeyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public ApiKeyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key's holder, as far as the API cares. */
    public record ApiKey(String name, Role role) {}

    /** Creates a key and returns it in clear; this is the only time it is seen. */
    public String create(String name, Role role) {
        var key = newKey();
        jdbc.sql("insert into api_keys (name, key_hash, role) values (?, ?, ?)")
                .param(name)
                .param(hash(key))
                .param(role.name())
                .update();
        return key;
    }

    /** Stores the given key under the name, replacing an earlier key of that name (the local editor key). */
    public void put(String name, String key, Role role) {
        jdbc.sql("""
                insert into api_keys (name, key_hash, role) values (?, ?, ?)
                on conflict (name) do update set key_hash = excluded.key_hash, role = excluded.role, revoked_at = null""").param(name).param(hash(key)).param(role.name()).update();
    }

    /** The holder of a valid, unrevoked key. */
    public Optional<ApiKey> find(String key) {
        if (key == null || key.isBlank() || key.length() > 200) return Optional.empty();
        return jdbc.sql("select name, role from api_keys where key_hash = ? and revoked_at is null")
                .param(hash(key))
                .query((rs, n) -> new ApiKey(rs.getString(1), Role.valueOf(rs.getString(2))))
                .optional();
    }

    public boolean revoke(String name) {
        return jdbc.sql("update api_keys set revoked_at = now() where name = ? and revoked_at is null")
                        .param(name)
                        .update()
                > 0;
    }

    public List<String> list() {
        return jdbc.sql("""
                select name || '  ' || role || '  created ' || to_char(created_at, 'YYYY-MM-DD HH24:MI')
                       || coalesce('  REVOKED ' || to_char(revoked_at, 'YYYY-MM-DD HH24:MI'), '')
                from api_keys order by name""").query(String.class).list();
    }

    static String newKey() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ng_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
