package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.corpus.CorpusGenerator;
import org.newsgraph.corpus.CorpusSpec;
import org.newsgraph.corpus.VariantCorpusWriter;
import org.newsgraph.support.SharesNothing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code generate --variants}: valid article documents as many outlets would write them, and a truth line
 * for each that names the generated actor, event and statement behind every mention.
 */
@SharesNothing
class VariantCorpusDocumentsTest {

    record Written(String[] documents, String[] truth) {}

    static Written write(long seed) throws Exception {
        var corpus = new CorpusGenerator(CorpusSpec.of(seed, 0.01));
        var documents = new StringWriter();
        var truth = new StringWriter();
        try (var d = new BufferedWriter(documents);
                var t = new BufferedWriter(truth)) {
            new VariantCorpusWriter().write(corpus, d, t);
        }
        return new Written(documents.toString().split("\n"), truth.toString().split("\n"));
    }

    @Test
    void everyDocument_isValid_hasNoExternalKey_andATruthLineForEachRefAndStatement() throws Exception {
        var written = write(7);
        assertThat(written.documents()).hasSameSizeAs(written.truth());
        var reader = new ArticleDocumentReader();
        var json = JsonMapper.builder().build();
        for (int i = 0; i < written.documents().length; i++) {
            var document = reader.read(written.documents()[i]);
            assertThat(DocumentValidator.validate(document)).as(document.url()).isEmpty();
            assertThat(document.events())
                    .allSatisfy(e -> assertThat(e.externalKey()).isNull());
            JsonNode truth = json.readTree(written.truth()[i]);
            assertThat(truth.path("url").asString()).isEqualTo(document.url());
            var refs = new HashSet<String>();
            truth.path("actors").properties().forEach(e -> refs.add(e.getKey()));
            assertThat(refs)
                    .containsExactlyInAnyOrderElementsOf(document.actors().stream()
                            .map(ArticleDocument.Actor::ref)
                            .toList());
            assertThat(truth.path("statements").size())
                    .isEqualTo(document.statements().size());
        }
    }

    @Test
    void actors_appearUnderSeveralNames_andUtterances_areReportedByTwoOutlets() throws Exception {
        var written = write(7);
        var reader = new ArticleDocumentReader();
        var json = JsonMapper.builder().build();
        Map<String, Set<String>> namesOfActor = new HashMap<>();
        Map<String, Set<String>> publishersOfUtterance = new HashMap<>();
        for (int i = 0; i < written.documents().length; i++) {
            var document = reader.read(written.documents()[i]);
            JsonNode truth = json.readTree(written.truth()[i]);
            for (var a : document.actors()) {
                namesOfActor
                        .computeIfAbsent(truth.path("actors").path(a.ref()).asString(), k -> new HashSet<>())
                        .add(a.name());
            }
            var publisher = truth.path("actors").path(document.publisher()).asString();
            for (var s : truth.path("statements")) {
                publishersOfUtterance
                        .computeIfAbsent(s.path("utterance").asString(), k -> new HashSet<>())
                        .add(publisher);
            }
        }
        assertThat(namesOfActor.values()).anySatisfy(names -> assertThat(names).hasSizeGreaterThanOrEqualTo(2));
        assertThat(publishersOfUtterance.values().stream().filter(p -> p.size() >= 2))
                .hasSizeGreaterThan(50);
    }

    @Test
    void sameSeed_writesTheSameVariants() throws Exception {
        assertThat(write(11).documents()).isEqualTo(write(11).documents());
    }
}
