package org.newsgraph.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ground truth of a test set: for every document (by URL), which real-world actor and event each of
 * its local refs names, and which utterance and remark each of its statements reports (by position). Two
 * reports of one utterance say the same words (up to normalization, truncation, spelling); two utterances
 * of one remark are the same thing said in other words (another translation, a paraphrase): a candidate
 * for a curator, not an automatic link. Read from {@code truth.json} ({@code {"documents": [...]}}) or
 * from NDJSON, one document entry a line (the generated variants corpus).
 */
public record GroundTruth(List<Document> documents) {

    /** One document's truth. */
    public record Document(
            String url, Map<String, String> actors, Map<String, String> events, List<Report> statements) {}

    /** What a statement reports: the utterance (same words) and the remark (same meaning). */
    public record Report(String utterance, String remark) {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static GroundTruth read(Path file) throws IOException {
        var documents = new ArrayList<Document>();
        if (file.getFileName().toString().endsWith(".json")) {
            var root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            var list = root.path("documents");
            if (!list.isArray()) throw new IOException(file + ": no \"documents\" array");
            for (var node : list) documents.add(document(node, file.toString()));
        } else {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line; (line = lines.readLine()) != null; ) {
                    number++;
                    if (!line.isBlank()) documents.add(document(MAPPER.readTree(line), file + ":" + number));
                }
            }
        }
        return new GroundTruth(documents);
    }

    private static Document document(JsonNode node, String where) throws IOException {
        var url = node.path("url").asString(null);
        if (url == null) throw new IOException(where + ": a truth entry without \"url\"");
        var statements = new ArrayList<Report>();
        for (var s : node.path("statements")) {
            var utterance = s.path("utterance").asString(null);
            if (utterance == null) throw new IOException(where + ": a statement without \"utterance\"");
            statements.add(new Report(utterance, s.path("remark").asString(utterance)));
        }
        return new Document(url, refs(node.path("actors")), refs(node.path("events")), statements);
    }

    private static Map<String, String> refs(JsonNode node) {
        var refs = new LinkedHashMap<String, String>();
        for (var entry : node.properties())
            refs.put(entry.getKey(), entry.getValue().asString());
        return refs;
    }
}
