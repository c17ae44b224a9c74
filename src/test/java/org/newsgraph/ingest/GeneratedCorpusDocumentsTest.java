package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.newsgraph.corpus.CorpusGenerator;
import org.newsgraph.corpus.CorpusSpec;
import org.newsgraph.corpus.NdjsonCorpusWriter;
import org.newsgraph.support.SharesNothing;

/** The NDJSON the corpus generator writes for the import benchmark is valid article documents. */
@SharesNothing
class GeneratedCorpusDocumentsTest {

    @Test
    void everyNdjsonLine_parsesStrictly_andPassesValidation() throws Exception {
        var corpus = new CorpusGenerator(CorpusSpec.of(7, 0.01));
        var text = new StringWriter();
        long statements;
        try (var out = new BufferedWriter(text)) {
            statements = new NdjsonCorpusWriter().write(corpus, out);
        }
        var lines = text.toString().split("\n");
        assertThat(lines).hasSize(corpus.spec().articles());

        var reader = new ArticleDocumentReader();
        long parsedStatements = 0;
        for (var line : lines) {
            var document = reader.read(line);
            assertThat(DocumentValidator.validate(document)).as(document.url()).isEmpty();
            parsedStatements += document.statements().size();
        }
        assertThat(parsedStatements).isEqualTo(statements).isPositive();
    }

    @Test
    void sameSeed_writesTheSameNdjson() throws Exception {
        assertThat(ndjson(11)).isEqualTo(ndjson(11)).isNotEqualTo(ndjson(12));
    }

    private static String ndjson(long seed) throws Exception {
        var text = new StringWriter();
        try (var out = new BufferedWriter(text)) {
            new NdjsonCorpusWriter().write(new CorpusGenerator(CorpusSpec.of(seed, 0.01)), out);
        }
        return text.toString();
    }
}
