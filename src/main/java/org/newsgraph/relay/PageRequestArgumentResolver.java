package org.newsgraph.relay;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.newsgraph.lookahead.SelectionMemo;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.stereotype.Component;

/**
 * Resolves a {@link PageRequest} parameter of a controller method from the connection field's
 * {@code first}/{@code after}/{@code last}/{@code before} arguments (Spring Boot registers every
 * {@code HandlerMethodArgumentResolver} bean with the annotated controllers). The cursor kind is the name of
 * the connection's node type ({@code StatementConnection.edges.node}: {@code Statement}); for a union of
 * nodes it is the union's name without {@code Result} ({@code SearchResult}: {@code Search}).
 */
@Component
public class PageRequestArgumentResolver implements HandlerMethodArgumentResolver {

    private final Map<String, String> cursorKinds = new ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageRequest.class;
    }

    @Override
    public PageRequest resolveArgument(MethodParameter parameter, DataFetchingEnvironment env) {
        var page = PageRequest.of(
                cursorKind(env.getFieldType()),
                env.getArgument("first"),
                env.getArgument("after"),
                env.getArgument("last"),
                env.getArgument("before"));
        return page.withCounts(needsCounts(env, page));
    }

    private String cursorKind(GraphQLType fieldType) {
        var connection = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(fieldType);
        return cursorKinds.computeIfAbsent(connection.getName(), name -> {
            var edge = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(
                    connection.getFieldDefinition("edges").getType());
            GraphQLNamedType node =
                    GraphQLTypeUtil.unwrapAll(edge.getFieldDefinition("node").getType());
            return node instanceof GraphQLObjectType
                    ? node.getName()
                    : node.getName().replaceFirst("Result$", "");
        });
    }

    /**
     * Counting all matches is the expensive part of a page: do it only when the query asks for
     * {@code totalCount}, or for {@code pageInfo} while paging from a cursor (rows before {@code after} or
     * after {@code before} exist only if counted; without cursors none do).
     */
    static boolean needsCounts(DataFetchingEnvironment env, PageRequest page) {
        int asked = SelectionMemo.get(env, "connection-counts", PageRequestArgumentResolver::countingFields);
        if ((asked & TOTAL_COUNT) != 0) {
            return true;
        }
        return (page.after() != null || page.before() != null) && (asked & PAGE_INFO) != 0;
    }

    private static final int TOTAL_COUNT = 1;
    private static final int PAGE_INFO = 2;

    /** Which of the fields that may need counts the connection's selection set asks for. */
    private static Integer countingFields(DataFetchingEnvironment env) {
        var selection = env.getSelectionSet();
        return (selection.contains("totalCount") ? TOTAL_COUNT : 0) | (selection.contains("pageInfo") ? PAGE_INFO : 0);
    }
}
