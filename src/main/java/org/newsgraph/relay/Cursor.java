package org.newsgraph.relay;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;

/**
 * An opaque keyset cursor: the sort key value and the id of the row it points at, plus the kind of
 * connection that issued it (base64url of {@code kind|id|key}). The next page is found with a row
 * comparison on the sort key, not an offset, so pages stay stable while rows are added.
 */
public record Cursor(String kind, long id, String key) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((kind + "|" + id + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(String kind, long id, String key) {
        return new Cursor(kind, id, key).encode();
    }

    /**
     * @param argument the argument name, for the error message
     * @return null for a null text
     * @throws ApiException {@code INVALID_CURSOR} if the text is not a cursor of this connection
     */
    public static Cursor decode(String kind, String argument, String text) {
        if (text == null) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(argument, text);
        }
        String[] parts = decoded.split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals(kind)) {
            throw invalid(argument, text);
        }
        Cursor cursor;
        try {
            cursor = new Cursor(kind, Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            throw invalid(argument, text);
        }
        if (!cursor.encode().equals(text)) {
            // another spelling of a cursor ('+1', '01', non-ASCII digits, invalid UTF-8, white space, unused
            // trailing bits) is not one this server issued
            throw invalid(argument, text);
        }
        return cursor;
    }

    static ApiException invalid(String argument, String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return ApiException.badInput(
                ErrorCode.INVALID_CURSOR,
                "'" + argument + "' is not a cursor of this connection: '" + shown
                        + "'; pass a cursor (edges.cursor, pageInfo.startCursor/endCursor) returned by the same field");
    }
}
