package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.SharesNothing;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code articles.content_hash} stays what earlier builds stored (so that a re-import of an unchanged document writes
 * nothing): the hash written straight from the JSON generator into the digest equals SHA-256 of the JSON text in
 * UTF-8, for documents in every script the test sets hold.
 */
@SharesNothing
class ContentHashTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ArticleDocumentReader reader = new ArticleDocumentReader();

    private String asBefore(ArticleDocument document) throws Exception {
        var bytes = json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theStreamedHash_ofEveryTestSetDocument_isTheHashOfItsJsonText() throws Exception {
        int documents = 0;
        try (Stream<Path> files = Files.walk(Path.of("db/testsets"))) {
            for (var file : files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("truth.json"))
                    .sorted()
                    .toList()) {
                var document = reader.read(Files.readString(file));
                assertThat(DocumentWriter.contentHash(json, document))
                        .as(file.toString())
                        .isEqualTo(asBefore(document));
                documents++;
            }
        }
        assertThat(documents).isGreaterThan(30);
    }

    @Test
    void theStreamedHash_ofTextsWithEscapesAndCharactersBeyondTheBasicPlane_isTheHashOfItsJsonText() throws Exception {
        var document = reader.read("""
                {"url": "https://example.org/a", "title": "Quote \\"marks\\", tab\\t, \\u0001, emoji \\ud83d\\ude00",
                 "publishedAt": "2025-04-22", "language": "ja", "body": "東京で会談 — «ceasefire» 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \\u2028",
                 "actors": [], "events": [], "statements": []}""");
        assertThat(DocumentWriter.contentHash(json, document)).isEqualTo(asBefore(document));
    }
}
