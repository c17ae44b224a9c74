package org.newsgraph.ingest;

import java.time.Duration;
import java.util.Locale;

/** What an import did, so far or in the end. Actor and event counts are per reference in a document. */
public record ImportReport(
        long articlesCreated,
        long articlesUpdated,
        long articlesUnchanged,
        long articlesFailed,
        long actorsCreated,
        long actorsMatched,
        long eventsCreated,
        long eventsMatched,
        long statements,
        Duration elapsed) {

    public long articles() {
        return articlesCreated + articlesUpdated + articlesUnchanged + articlesFailed;
    }

    public double statementsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : statements / seconds;
    }

    public double articlesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : articles() / seconds;
    }

    /** The summary printed at the end of an import. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                """
                Articles: %,d created, %,d updated, %,d unchanged, %,d failed
                Actors:   %,d created, %,d matched
                Events:   %,d created, %,d matched
                Statements: %,d in %.1f s = %,.0f statements/s (%,.0f articles/s)""",
                articlesCreated,
                articlesUpdated,
                articlesUnchanged,
                articlesFailed,
                actorsCreated,
                actorsMatched,
                eventsCreated,
                eventsMatched,
                statements,
                elapsed.toNanos() / 1e9,
                statementsPerSecond(),
                articlesPerSecond());
    }

    static final class Counter {
        long created,
                updated,
                unchanged,
                failed,
                actorsCreated,
                actorsMatched,
                eventsCreated,
                eventsMatched,
                statements;

        void add(IngestResult result) {
            switch (result.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
            for (var actor : result.actors()) {
                if (actor.match() == IngestResult.Match.CREATED) actorsCreated++;
                else actorsMatched++;
            }
            for (var event : result.events()) {
                if (event.match() == IngestResult.Match.CREATED) eventsCreated++;
                else eventsMatched++;
            }
            statements += result.statements();
        }

        ImportReport report(long elapsedNanos) {
            return new ImportReport(
                    created,
                    updated,
                    unchanged,
                    failed,
                    actorsCreated,
                    actorsMatched,
                    eventsCreated,
                    eventsMatched,
                    statements,
                    Duration.ofNanos(elapsedNanos));
        }
    }
}
