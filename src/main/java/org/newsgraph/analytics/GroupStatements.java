package org.newsgraph.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementRepository;

/**
 * {@code StatementGroup.statements}: the statements of many groups of one {@code statementStats} answer in
 * one SQL statement. Group {@code i} is the parent {@code p.id = i}; its key values are the {@code i}-th
 * elements of one array per dimension, so every group's page is the same condition.
 */
final class GroupStatements {

    private final StatementRepository statements;

    GroupStatements(StatementRepository statements) {
        this.statements = statements;
    }

    private record Part(StatementGroup.Spec spec, PageRequest page, boolean counts) {}

    Map<AnalyticsLoaders.GroupStatementsKey, Connection<Statement>> load(
            Set<AnalyticsLoaders.GroupStatementsKey> keys) {
        var parts = new LinkedHashMap<Part, List<AnalyticsLoaders.GroupStatementsKey>>();
        keys.forEach(key -> parts.computeIfAbsent(
                        new Part(key.group().spec(), key.page(), key.counts()), p -> new ArrayList<>())
                .add(key));
        var result = new LinkedHashMap<AnalyticsLoaders.GroupStatementsKey, Connection<Statement>>();
        parts.forEach((part, partKeys) -> {
            var groups = partKeys.stream()
                    .map(AnalyticsLoaders.GroupStatementsKey::group)
                    .toList();
            var conditions = new ArrayList<String>();
            var params = new ArrayList<Object>();
            conditions.add("true");
            for (var dim : part.spec().groupBy()) {
                switch (dim) {
                    case SPEAKER -> {
                        conditions.add("s.speaker_id = (?::text[]::bigint[])[p.id]");
                        params.add(longs(groups, StatementGroup::speakerId));
                    }
                    case KIND -> {
                        conditions.add("s.kind = (?::text[])[p.id]");
                        params.add(groups.stream()
                                .map(g -> g.kind() == null ? null : g.kind().name())
                                .toArray(String[]::new));
                    }
                    case PUBLISHER -> {
                        conditions.add("(select r.publisher_id from articles r where r.id = s.article_id)"
                                + " is not distinct from (?::text[]::bigint[])[p.id]");
                        params.add(longs(groups, StatementGroup::publisherId));
                    }
                    case EVENT -> {
                        conditions.add("case when (?::text[]::bigint[])[p.id] is null"
                                + " then not exists (select 1 from statement_events x where x.statement_id = s.id)"
                                + " else exists (select 1 from statement_events x where x.statement_id = s.id"
                                + " and x.event_id = (?::text[]::bigint[])[p.id]) end");
                        String[] events = longs(groups, StatementGroup::eventId);
                        params.add(events);
                        params.add(events);
                    }
                    default -> {
                        var bucket = dim.bucket();
                        conditions.add(Period.startSql("s.said_on", "s.said_on_precision", bucket)
                                + " is not distinct from (?::text[]::date[])[p.id] and "
                                + Period.precisionSql("s.said_on", "s.said_on_precision", bucket)
                                + " is not distinct from (?::text[])[p.id]");
                        params.add(groups.stream()
                                .map(g -> g.period() == null
                                        ? null
                                        : g.period().start().toString())
                                .toArray(String[]::new));
                        params.add(groups.stream()
                                .map(g -> g.period() == null
                                        ? null
                                        : g.period().precision().name())
                                .toArray(String[]::new));
                    }
                }
            }
            var indexes = new ArrayList<Long>();
            for (long i = 1; i <= groups.size(); i++) {
                indexes.add(i);
            }
            var pages = statements.pageWhere(
                    String.join(" and ", conditions),
                    params,
                    indexes,
                    part.spec().filter(),
                    part.page(),
                    part.counts());
            for (int i = 0; i < partKeys.size(); i++) {
                result.put(partKeys.get(i), pages.getOrDefault((long) i + 1, Connection.empty()));
            }
        });
        return result;
    }

    /** Ids as text, null for none (pgjdbc binds a {@code String[]} as {@code text[]}, nulls included). */
    private static String[] longs(
            List<StatementGroup> groups, java.util.function.Function<StatementGroup, Long> value) {
        return groups.stream()
                .map(value)
                .map(id -> id == null ? null : id.toString())
                .toArray(String[]::new);
    }
}
