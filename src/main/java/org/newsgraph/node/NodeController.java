package org.newsgraph.node;

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
import org.newsgraph.limits.LimitsProperties;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.NodeRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Query.node} and {@code Query.nodes}: any object by its global ID. The concrete GraphQL type is
 * the Java record's simple name ({@code Actor}, {@code Article}, ...), which Spring's default type
 * resolver uses.
 */
@Controller
public class NodeController {

    private final Map<String, NodeRepository<?>> repositories;
    private final int maxNodeIds;

    public NodeController(List<NodeRepository<?>> repositories, LimitsProperties limits) {
        this.repositories =
                repositories.stream().collect(Collectors.toMap(NodeRepository::nodeType, Function.identity()));
        this.maxNodeIds = limits.maxNodeIds();
    }

    @QueryMapping
    public Object node(@Argument String id) {
        var globalId = GlobalId.decode(id);
        return repository(globalId.type()).findById(globalId.id());
    }

    @QueryMapping
    public List<Object> nodes(@Argument List<String> ids) {
        // The query-limits check refuses this before execution already; this guards direct callers.
        if (ids.size() > maxNodeIds) {
            throw ApiException.badInput(
                    ErrorCode.TOO_MANY_IDS, "'ids' may hold at most " + maxNodeIds + " IDs, but held " + ids.size());
        }
        var decoded = ids.stream().map(GlobalId::decode).toList();
        var idsByType = new LinkedHashMap<String, Set<Long>>();
        decoded.forEach(id ->
                idsByType.computeIfAbsent(id.type(), t -> new LinkedHashSet<>()).add(id.id()));
        var found = new LinkedHashMap<String, Map<Long, ?>>();
        idsByType.forEach((type, typeIds) -> found.put(type, repository(type).findByIds(typeIds)));
        var result = new ArrayList<Object>(decoded.size());
        decoded.forEach(id -> result.add(found.get(id.type()).get(id.id())));
        return result;
    }

    private NodeRepository<?> repository(String type) {
        var repository = repositories.get(type);
        if (repository == null) {
            throw new IllegalStateException("No NodeRepository for " + type);
        }
        return repository;
    }
}
