package org.newsgraph.relay;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;

/**
 * Opaque global IDs of the GraphQL {@code Node}s: base64url of {@code "Type:id"}, e.g. {@code Actor:12}.
 * Clients must treat them as opaque; the server decodes them to the type name and the table's id.
 */
public record GlobalId(String type, long id) {

    /** The GraphQL types that implement {@code Node}. */
    public static final Set<String> NODE_TYPES = Set.of(
            "Actor",
            "Article",
            "Event",
            "Statement",
            "EventParticipant",
            "EventRelation",
            "EventStatusChange",
            "Affiliation",
            "StatementRelation",
            "Utterance");

    public static String encode(String type, long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public String encoded() {
        return encode(type, id);
    }

    /**
     * Decodes any node ID. Only the one spelling this server writes is accepted, so that a node has exactly
     * one ID (clients and caches key objects by it).
     *
     * @throws ApiException {@code INVALID_ID} if the text is not an ID this server issued
     */
    public static GlobalId decode(String text) {
        if (text == null || text.isBlank() || text.length() > 200) {
            throw invalid(text, "it is empty or too long");
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "it is not base64url");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "it has no type");
        }
        String type = decoded.substring(0, colon);
        if (!NODE_TYPES.contains(type)) {
            throw invalid(text, "it names no known type");
        }
        long id;
        try {
            id = Long.parseLong(decoded.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(text, "its key is not a number");
        }
        if (id <= 0) {
            throw invalid(text, "its key is not positive");
        }
        if (!encode(type, id).equals(text)) {
            // Long.parseLong takes '+1', '01' and non-ASCII digits ('\uFF11'), the decoder surrounding white
            // space and unused trailing bits: each would be a second spelling of one node's ID
            throw invalid(text, "it is not written as this server writes it");
        }
        return new GlobalId(type, id);
    }

    /**
     * Decodes an ID that must be of the given type (e.g. the {@code speaker} of a filter is an Actor).
     *
     * @throws ApiException {@code INVALID_ID} if malformed or of another type
     */
    public static long decode(String text, String expectedType) {
        var id = decode(text);
        if (!id.type().equals(expectedType)) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_ID,
                    "ID '" + text + "' is the ID of a " + id.type() + ", but a " + expectedType
                            + " ID is expected here");
        }
        return id.id();
    }

    /** Like {@link #decode(String, String)}, but null stays null (optional arguments). */
    public static Long decodeOptional(String text, String expectedType) {
        return text == null ? null : decode(text, expectedType);
    }

    private static ApiException invalid(String text, String why) {
        String shown = text == null ? "null" : text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return ApiException.badInput(
                ErrorCode.INVALID_ID,
                "'" + shown + "' is not a valid NewsGraph ID (" + why
                        + "); use the id field of a node as returned by the API");
    }
}
