package org.newsgraph.web;

import java.util.List;
import java.util.Optional;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * {@code Accept} negotiation of {@code /graphql} with quality values: {@code application/graphql-response+json}
 * or {@code application/json}; without {@code Accept} (or with only wildcards) {@code application/json}, which
 * the GraphQL over HTTP draft leaves to the server and legacy clients expect.
 */
final class AcceptNegotiation {

    /** What the endpoint produces, in order of preference when the client likes both equally. */
    private static final List<MediaType> PRODUCIBLE =
            List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON);

    private AcceptNegotiation() {}

    /**
     * Whether the request asks for GraphQL over SSE ({@code Accept: text/event-stream}): Boot's route hands
     * it to Spring's {@code GraphQlSseHandler} (subscriptions, org.newsgraph.live).
     */
    static boolean acceptsEventStream(ServerRequest request) {
        try {
            return request.headers().accept().stream()
                    .anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                            && !type.isWildcardType()
                            && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /**
     * The response media type for the request's {@code Accept}, or empty when it accepts neither type.
     * Each producible type gets the quality of the most specific range that includes it; the highest
     * quality wins, then the more specific range, then the one the client listed first; a tie between
     * wildcards goes to {@code application/json}.
     */
    static Optional<MediaType> negotiate(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = request.headers().accept();
        } catch (InvalidMediaTypeException ex) {
            return Optional.empty();
        }
        if (accepted.isEmpty()) {
            return Optional.of(MediaType.APPLICATION_JSON);
        }
        MediaType best = null;
        double[] bestScore = null;
        for (MediaType producible : PRODUCIBLE) {
            double[] score = null;
            for (int i = 0; i < accepted.size(); i++) {
                MediaType range = accepted.get(i);
                if (!range.includes(producible)) {
                    continue;
                }
                int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (score == null || specificity > score[1]) {
                    score = new double[] {range.getQualityValue(), specificity, -i};
                }
            }
            if (score == null || score[0] <= 0) {
                continue;
            }
            boolean wildcardTie = bestScore != null && score[1] == 0 && bestScore[1] == 0 && score[0] == bestScore[0];
            if (bestScore == null || wildcardTie || compare(score, bestScore) > 0) {
                best = producible;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int compare(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
