package org.newsgraph.article;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Slice test of {@link ArticleController}: {@code article} by ID or by URL, exactly one of them. */
@SharesNothing
@GraphQlTest(ArticleController.class)
@ControllerSlice
class ArticleControllerTest {

    static final Article ARTICLE = new Article(
            5, "https://example.org/talks", "Talks in London", null, null, "en", "Rubio pulls out of the talks", null);

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    ArticleRepository articles;

    @MockitoBean
    ActorRepository actors;

    @Test
    void articleByUrl_isFound_andAnsweredWithItsId() {
        when(articles.findByUrl("https://example.org/talks")).thenReturn(Optional.of(ARTICLE));
        graphQl.document("{ article(url: \"https://example.org/talks\") { id title } }")
                .execute()
                .path("article.id")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Article", 5));
    }

    @Test
    void bothIdAndUrl_orNeither_areInvalidArguments_andReadNothing() {
        for (String arguments : new String[] {"(id: \"" + GlobalId.encode("Article", 5) + "\", url: \"x\")", ""}) {
            graphQl.document("{ article" + arguments + " { title } }")
                    .execute()
                    .errors()
                    .expect(error ->
                            "INVALID_ARGUMENTS".equals(error.getExtensions().get("code")))
                    .verify();
        }
        verifyNoInteractions(articles);
    }
}
