package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.auth.EditorAccess;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Slice test of {@link IngestController}: what {@code ingestArticle} makes of the service's answers. A document
 * the service refuses is a payload of typed errors, not a GraphQL error; a reader's key is refused before
 * anything runs; a committed write whose read-back fails still says it committed, and with which ID; a
 * date-only {@code publishedAt} reaches the service with DAY precision.
 */
@SharesNothing
@GraphQlTest(IngestController.class)
@ControllerSlice
class IngestControllerTest {

    // language=GraphQL
    static final String INGEST = """
            mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
              outcome articleId errors { path code message } } }""";

    static final Map<String, Object> INPUT = Map.of(
            "url", "https://example.org/a", "title", "A report", "publishedAt", "2025-04-22", "statements", List.of());

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    EditorAccess access;

    @MockitoBean
    IngestService ingest;

    @MockitoBean
    CurationService curation;

    @MockitoBean
    ActorCorrections actorCorrections;

    @MockitoBean
    EventCorrections eventCorrections;

    @MockitoBean
    ArticleRepository articles;

    @MockitoBean
    ActorRepository actors;

    @MockitoBean
    EventRepository events;

    @Test
    void aDocumentTheServiceRefuses_isAPayloadOfTypedErrors_notAGraphQlError() {
        when(ingest.ingest(any()))
                .thenThrow(new InvalidDocumentException(List.of(
                        new IngestProblem("statements[0].speaker", "UNKNOWN_REFERENCE", "no actor 'x'"),
                        new IngestProblem("title", ErrorCode.INVALID, "empty"))));
        graphQl.document(INGEST)
                .variable("input", INPUT)
                .execute()
                .errors()
                .verify()
                .path("ingestArticle.outcome")
                .valueIsNull()
                .path("ingestArticle.errors[*].code")
                .entityList(String.class)
                .containsExactly("UNKNOWN_REFERENCE", "INVALID")
                .path("ingestArticle.errors[0].path")
                .entity(String.class)
                .isEqualTo("statements[0].speaker");
    }

    @Test
    void aReadersKey_isRefusedWithForbidden_beforeTheServiceRuns() {
        doThrow(new ApiException(ErrorCode.FORBIDDEN, "may read but not write"))
                .when(access)
                .requireEditor();
        graphQl.document(INGEST)
                .variable("input", INPUT)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        verifyNoInteractions(ingest);
    }

    @Test
    void aCommittedWriteWhoseReadBackFails_saysItCommitted_withTheArticlesId() {
        when(ingest.ingest(any()))
                .thenReturn(new IngestResult(42, IngestResult.Outcome.CREATED, List.of(), List.of(), 0));
        when(actors.findByIds(anyCollection())).thenThrow(new DataAccessResourceFailureException("connection closed"));
        graphQl.document("""
                        mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
                          outcome articleId article { id } } }""")
                .variable("input", INPUT)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "COMMITTED_READ_FAILED")))
                .path("ingestArticle.outcome")
                .entity(String.class)
                .isEqualTo("CREATED")
                .path("ingestArticle.articleId")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Article", 42));
    }

    @Test
    void aDateOnlyPublishedAt_reachesTheServiceWithDayPrecision() {
        when(ingest.ingest(any())).thenThrow(InvalidDocumentException.of("url", ErrorCode.INVALID, "stop here"));
        graphQl.document(INGEST).variable("input", INPUT).execute();
        var document = ArgumentCaptor.forClass(ArticleDocument.class);
        org.mockito.Mockito.verify(ingest).ingest(document.capture());
        assertThat(document.getValue().publishedAtPrecision()).isEqualTo(DatePrecision.DAY);
    }
}
