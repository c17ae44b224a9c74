package org.newsgraph.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.ApolloPersistedQuerySupport;
import graphql.execution.preparsed.persisted.PersistedQueryCache;
import graphql.execution.preparsed.persisted.PersistedQueryError;
import graphql.execution.preparsed.persisted.PersistedQueryIdInvalid;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.limits.AnalysisMemo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Parsed and validated GraphQL documents, kept in one bounded cache (Caffeine, LRU-like), and the
 * Apollo automatic persisted queries protocol on top of it.
 * <ul>
 * <li>A request with {@code extensions.persistedQuery = {version: 1, sha256Hash}} is looked up by hash.
 * Unknown hash without query text: the error {@code PersistedQueryNotFound} (code
 * {@code PERSISTED_QUERY_NOT_FOUND}), upon which Apollo clients resend hash and text. Hash and text:
 * the hash is checked against the text (code {@code PERSISTED_QUERY_HASH_MISMATCH} when wrong), then
 * the document is parsed, validated and kept under the hash.</li>
 * <li>Any other request is cached by its query text, so repeated operations skip parsing and
 * validation as well.</li>
 * </ul>
 * Only documents without errors are kept; the cache is bounded by
 * {@code newsgraph.graphql.document-cache-size} documents of average size (weighed by query length). With
 * each document it keeps the limit analyses of its requests ({@link AnalysisMemo}, handed to a request in its
 * GraphQL context), which are bounded per document and weighed with it.
 */
@Component
public class DocumentCache implements PreparsedDocumentProvider {

    private final Cache<Object, Cached> cache;

    private final PersistedQuerySupport persistedQueries;

    public DocumentCache(@Value("${newsgraph.graphql.document-cache-size:2000}") long maximumSize) {
        // Weighed by query length, not counted: a key can be a query of up to the request size limit, and
        // a count bound alone would let large distinct queries fill the heap.
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maximumSize * (AVERAGE_QUERY_CHARACTERS + AnalysisMemo.WEIGHT))
                .weigher((Object key, Cached entry) -> weight(key))
                .build();
        this.persistedQueries = new ApolloQueries(this::persistedDocument);
    }

    /** The budget per cached document: the cache holds {@code document-cache-size} documents of this size. */
    private static final long AVERAGE_QUERY_CHARACTERS = 2_000;

    private static int weight(Object key) {
        int characters = (key instanceof QueryText text && text.text() != null)
                ? text.text().length()
                : 64;
        // A parsed document takes several times the memory of its text; its memo at most its bound.
        return 256 + characters + AnalysisMemo.WEIGHT;
    }

    /** Registers this cache with graphql-java as the {@code PreparsedDocumentProvider}. */
    @Bean
    static GraphQlSourceBuilderCustomizer documentCacheCustomizer(DocumentCache documentCache) {
        return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(documentCache));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Object persistedQuery = input.getExtensions().get("persistedQuery");
        if (persistedQuery != null) {
            if (!(persistedQuery instanceof Map<?, ?> apq)
                    || !"1".equals(String.valueOf(apq.get("version")))
                    || !(apq.get("sha256Hash") instanceof String)) {
                return CompletableFuture.completedFuture(error(
                        ErrorCode.PERSISTED_QUERY_INVALID,
                        "extensions.persistedQuery must be {version: 1, sha256Hash: \"<hex>\"}"));
            }
            return persistedQueries.getDocumentAsync(input, parseAndValidate);
        }
        var key = new QueryText(input.getQuery());
        Cached cached = cache.getIfPresent(key);
        if (cached == null) {
            var memo = handOver(input, new AnalysisMemo());
            PreparsedDocumentEntry entry = parseAndValidate.apply(input);
            // Only good documents are kept: a broken one is cheap to refuse again, and its errors (e.g. a
            // parser limit's QUERY_TOO_LARGE) are reported by the instrumentation that sees it parsed.
            if (!entry.hasErrors()) cache.put(key, new Cached(entry, memo));
            return CompletableFuture.completedFuture(entry);
        }
        handOver(input, cached.memo());
        return CompletableFuture.completedFuture(cached.entry());
    }

    /** Gives the request the memo of the document it runs, for the limits' analysis. */
    private static AnalysisMemo handOver(ExecutionInput input, AnalysisMemo memo) {
        input.getGraphQLContext().put(AnalysisMemo.class, memo);
        return memo;
    }

    /**
     * The parsed document that a request would execute, if it is cached: by persisted-query hash when
     * given, else by query text. Empty when unknown or when the document has errors.
     */
    public Optional<Document> cachedDocument(String queryText, String sha256Hash) {
        Object key = (sha256Hash != null)
                ? new Hash(sha256Hash.toLowerCase(Locale.ROOT))
                : (queryText != null) ? new QueryText(queryText) : null;
        Cached cached = (key != null) ? cache.getIfPresent(key) : null;
        PreparsedDocumentEntry entry = (cached != null) ? cached.entry() : null;
        return (entry != null && !entry.hasErrors()) ? Optional.ofNullable(entry.getDocument()) : Optional.empty();
    }

    /**
     * The type of the operation that a request selects: its document is taken from the cache (by hash or text)
     * or parsed. Empty for an unknown hash, a document that does not parse, or no operation selected (several
     * without a matching {@code operationName}): execution reports those as GraphQL errors.
     */
    public Optional<OperationDefinition.Operation> selectedOperation(
            String queryText, String sha256Hash, String operationName) {
        Optional<Document> document = cachedDocument(queryText, sha256Hash);
        if (document.isEmpty() && queryText != null) {
            try {
                document = Optional.of(Parser.parse(queryText));
            } catch (InvalidSyntaxException ex) {
                return Optional.empty();
            }
        }
        List<OperationDefinition> operations = document.map((d) -> d.getDefinitionsOfType(OperationDefinition.class))
                .orElse(List.of());
        Optional<OperationDefinition> selected = (operationName == null)
                ? ((operations.size() == 1) ? Optional.of(operations.get(0)) : Optional.empty())
                : operations.stream()
                        .filter((o) -> operationName.equals(o.getName()))
                        .findFirst();
        return selected.map(OperationDefinition::getOperation);
    }

    private CompletableFuture<PreparsedDocumentEntry> persistedDocument(
            Object id, ExecutionInput input, graphql.execution.preparsed.persisted.PersistedQueryCacheMiss onMiss) {
        Hash key = new Hash(id.toString().toLowerCase(Locale.ROOT));
        Cached cached = cache.getIfPresent(key);
        if (cached == null) {
            String text = input.getQuery();
            if (text == null || text.isBlank() || text.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER)) {
                throw new PersistedQueryNotFound(id);
            }
            var memo = handOver(input, new AnalysisMemo());
            PreparsedDocumentEntry entry =
                    onMiss.apply(text); // checks the hash against the text, then parses and validates
            cache.put(key, new Cached(entry, memo));
            return CompletableFuture.completedFuture(entry);
        }
        handOver(input, cached.memo());
        return CompletableFuture.completedFuture(cached.entry());
    }

    private static PreparsedDocumentEntry error(ErrorCode code, String message) {
        return new PreparsedDocumentEntry(ApiError.of(code, message).toGraphQlError());
    }

    /** A cached document and the limit analyses of its requests. */
    private record Cached(PreparsedDocumentEntry entry, AnalysisMemo memo) {}

    /** Cache key of a document sent as text. */
    private record QueryText(String text) {}

    /** Cache key of a persisted query: its lower-case SHA-256 hex. */
    private record Hash(String sha256) {}

    /** graphql-java's APQ support, with error codes that Apollo clients and our error convention know. */
    private static final class ApolloQueries extends ApolloPersistedQuerySupport {

        ApolloQueries(PersistedQueryCache cache) {
            super(cache);
        }

        @Override
        protected PreparsedDocumentEntry mkMissingError(PersistedQueryError error) {
            if (error instanceof PersistedQueryNotFound notFound) {
                // Apollo clients look for this message (and, in newer versions, this code).
                return new PreparsedDocumentEntry(new ApiError(
                                ErrorCode.PERSISTED_QUERY_NOT_FOUND,
                                "PersistedQueryNotFound",
                                Map.of("persistedQueryId", String.valueOf(notFound.getPersistedQueryId())))
                        .toGraphQlError());
            }
            if (error instanceof PersistedQueryIdInvalid invalid) {
                return new PreparsedDocumentEntry(new ApiError(
                                ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
                                "provided sha256Hash does not match query",
                                Map.of("persistedQueryId", String.valueOf(invalid.getPersistedQueryId())))
                        .toGraphQlError());
            }
            return error(
                    ErrorCode.PERSISTED_QUERY_INVALID,
                    "extensions.persistedQuery is not usable: " + error.getMessage());
        }
    }
}
