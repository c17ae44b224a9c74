package org.newsgraph.analytics;

import java.util.ArrayList;
import java.util.List;
import org.newsgraph.statement.StatementFilter;

/**
 * A {@link StatementFilter.Criteria} as SQL conditions on {@code statements s}, for the aggregates of this
 * package (the same meaning as the statement lists' filter).
 */
record StatementConditions(List<String> conditions, List<Object> params) {

    static final String SORT_KEY = "coalesce(s.said_on, '-infinity'::date)";

    static StatementConditions of(StatementFilter.Criteria filter) {
        var conditions = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (filter != null) {
            if (filter.speakerId() != null) {
                conditions.add("s.speaker_id = ?");
                params.add(filter.speakerId());
            }
            if (filter.articleId() != null) {
                conditions.add("s.article_id = ?");
                params.add(filter.articleId());
            }
            if (filter.eventId() != null) {
                conditions.add(
                        "exists (select 1 from statement_events fe where fe.statement_id = s.id and fe.event_id = ?)");
                params.add(filter.eventId());
            }
            if (filter.kind() != null) {
                conditions.add("s.kind = ?");
                params.add(filter.kind().name());
            }
            if (filter.saidFrom() != null) {
                conditions.add(SORT_KEY + " >= ?");
                params.add(filter.saidFrom());
            }
            if (filter.saidTo() != null) {
                conditions.add(SORT_KEY + " <= ? and " + SORT_KEY + " > '-infinity'::date");
                params.add(filter.saidTo());
            }
            if (filter.text() != null) {
                conditions.add("s.search @@ newsgraph_tsquery(?)");
                params.add(filter.text());
            }
        }
        return new StatementConditions(List.copyOf(conditions), List.copyOf(params));
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** {@code " and c1 and c2"}, or nothing. */
    String and() {
        return conditions.isEmpty() ? "" : " and " + String.join(" and ", conditions);
    }
}
