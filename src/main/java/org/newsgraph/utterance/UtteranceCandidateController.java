package org.newsgraph.utterance;

import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code UtteranceCandidate}. */
@Controller
public class UtteranceCandidateController {

    private final UtteranceRepository utterances;

    public UtteranceCandidateController(UtteranceRepository utterances) {
        this.utterances = utterances;
    }

    @BatchMapping
    public Map<UtteranceCandidate, Utterance> utterance(List<UtteranceCandidate> list) {
        return Batch.pick(list, UtteranceCandidate::otherUtteranceId, utterances::findByIds);
    }
}
