package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Slice test of {@link ChangeController}: a page of the change log asks for one change more than it shows, to
 * know whether there is a next page; each change's IDs are of the type its kind names; a page too large is
 * refused before the log is read.
 */
@SharesNothing
@GraphQlTest(ChangeController.class)
@ControllerSlice
class ChangeControllerTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2025-04-22T10:00:00Z");

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    ChangeLog changeLog;

    @Test
    void aPageAsksForOneChangeMore_andSaysThereIsANextPage_withTheIdsOfTheKindsTypes() {
        when(changeLog.after(eq(0L), anyLong(), anyList(), eq(3)))
                .thenReturn(List.of(
                        new Change(11, ChangeKind.STATEMENT_ADDED, 5, 8L, AT),
                        new Change(12, ChangeKind.ACTOR_MERGED, 6, 7L, AT),
                        new Change(13, ChangeKind.EVENT_CHANGED, 9, null, AT)));
        graphQl.document("""
                        { changes(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor }
                          edges { cursor node { kind subjectId relatedId } } } }""")
                .execute()
                .path("changes.edges[*].node.kind")
                .entityList(String.class)
                .containsExactly("STATEMENT_ADDED", "ACTOR_MERGED")
                .path("changes.edges[0].node.subjectId")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Statement", 5))
                .path("changes.edges[0].node.relatedId")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Article", 8))
                .path("changes.edges[1].node.relatedId")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Actor", 7))
                .path("changes.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("changes.pageInfo.hasPreviousPage")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("changes.pageInfo.endCursor")
                .entity(String.class)
                .isEqualTo(Change.cursor(12));
    }

    @Test
    void aPageAfterACursor_readsTheLogFromItsPosition_forTheKindsAsked() {
        when(changeLog.positionOf(Change.cursor(12), "after")).thenReturn(12L);
        when(changeLog.after(eq(12L), anyLong(), eq(List.of(ChangeKind.EVENT_CHANGED)), eq(21)))
                .thenReturn(List.of(new Change(13, ChangeKind.EVENT_CHANGED, 9, null, AT)));
        graphQl.document("query($after: String) { changes(after: $after, kinds: [EVENT_CHANGED]) { "
                        + "pageInfo { hasNextPage hasPreviousPage } edges { node { subjectId relatedId } } } }")
                .variable("after", Change.cursor(12))
                .execute()
                .path("changes.edges[0].node.subjectId")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Event", 9))
                .path("changes.edges[0].node.relatedId")
                .valueIsNull()
                .path("changes.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("changes.pageInfo.hasPreviousPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        verify(changeLog).after(eq(12L), anyLong(), eq(List.of(ChangeKind.EVENT_CHANGED)), eq(21));
    }

    @Test
    void aPageTooLarge_isRefused_beforeTheLogIsRead() {
        graphQl.document("{ changes(first: 101) { edges { cursor } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "PAGE_SIZE_TOO_LARGE")));
        verifyNoInteractions(changeLog);
    }
}
