package org.newsgraph.ingest;

import java.util.List;

/**
 * What one ingest did: the article's fate and, for every actor and event of the document, whether it
 * was created or matched to one already known.
 */
public record IngestResult(
        long articleId, Outcome outcome, List<Resolution> actors, List<Resolution> events, int statements) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public enum Match {
        CREATED,
        MATCHED
    }

    /** A document-local ref and the database row it resolved to. */
    public record Resolution(String ref, long id, Match match) {}

    public long actorsCreated() {
        return actors.stream().filter(r -> r.match() == Match.CREATED).count();
    }
}
