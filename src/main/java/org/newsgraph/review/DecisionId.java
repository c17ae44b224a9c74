package org.newsgraph.review;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;

/** The opaque ID of a {@code ResolutionDecision} (base64url of {@code ResolutionDecision:<id>}, like node IDs). */
final class DecisionId {

    private DecisionId() {}

    private static final String PREFIX = "ResolutionDecision:";

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String text) {
        try {
            if (text == null || text.length() > 100) throw new IllegalArgumentException();
            var decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) throw new IllegalArgumentException();
            long id = Long.parseLong(decoded.substring(PREFIX.length()));
            if (id <= 0 || !encode(id).equals(text)) throw new IllegalArgumentException();
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_ID,
                    "'" + (text == null ? "null" : text.length() > 60 ? text.substring(0, 60) + "…" : text)
                            + "' is not the ID of a resolution decision; use the id field of one");
        }
    }
}
