package org.newsgraph.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Serves {@code Query.search} and the types {@code SearchResultConnection}/{@code SearchResultEdge}. */
@Controller
public class SearchController {

    static final int MAX_QUERY_LENGTH = 500;

    /** The GraphQL type {@code SearchResultConnection}. */
    public record SearchResultConnection(List<SearchResultEdge> edges, Connection.PageInfo pageInfo, Long totalCount) {}

    /** The GraphQL type {@code SearchResultEdge}; the node is an Article, Actor, Statement or Event record. */
    public record SearchResultEdge(String cursor, double score, Object node) {}

    private final SearchRepository search;
    private final Map<String, NodeRepository<?>> repositories;

    public SearchController(SearchRepository search, List<NodeRepository<?>> repositories) {
        this.search = search;
        this.repositories =
                repositories.stream().collect(Collectors.toMap(NodeRepository::nodeType, Function.identity()));
    }

    @QueryMapping
    public SearchResultConnection search(@Argument String query, PageRequest page) {
        if (query.isBlank()) {
            throw ApiException.badInput(ErrorCode.INVALID_SEARCH_QUERY, "'query' must contain something to search for");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_SEARCH_QUERY,
                    "'query' may be at most " + MAX_QUERY_LENGTH + " characters long, but was " + query.length());
        }
        var hits = search.search(query, page);

        // The rows of each type in one statement each.
        var idsByType = new LinkedHashMap<String, Set<Long>>();
        hits.nodes()
                .forEach(hit -> idsByType
                        .computeIfAbsent(hit.type(), t -> new LinkedHashSet<>())
                        .add(hit.id()));
        var rows = new LinkedHashMap<String, Map<Long, ?>>();
        idsByType.forEach((type, ids) -> rows.put(type, repositories.get(type).findByIds(ids)));

        var edges = new ArrayList<SearchResultEdge>();
        for (var edge : hits.edges()) {
            var hit = edge.node();
            Object node = rows.get(hit.type()).get(hit.id());
            if (node != null) {
                edges.add(new SearchResultEdge(edge.cursor(), hit.score(), node));
            }
        }
        return new SearchResultConnection(edges, hits.pageInfo(), hits.totalCount());
    }
}
