package org.newsgraph.utterance;

import java.util.List;
import org.newsgraph.auth.EditorAccess;
import org.newsgraph.error.ApiException;
import org.newsgraph.relay.GlobalId;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The curator's mutations on utterance candidates ({@code confirmUtteranceCandidate},
 * {@code rejectUtteranceCandidate}); an editor's key is needed, problems come back in the payload.
 */
@Controller
public class UtteranceCurationController {

    private final EditorAccess access;
    private final UtteranceCuration curation;
    private final UtteranceRepository utterances;

    public UtteranceCurationController(
            EditorAccess access, UtteranceCuration curation, UtteranceRepository utterances) {
        this.access = access;
        this.curation = curation;
        this.utterances = utterances;
    }

    public record UtteranceCandidateInput(String utterance, String other) {}

    /** An input problem, the GraphQL type {@code InputError}. */
    public record InputError(String path, String code, String message) {}

    public record UtteranceCandidatePayload(Utterance utterance, List<InputError> errors) {}

    @MutationMapping
    public UtteranceCandidatePayload confirmUtteranceCandidate(@Argument UtteranceCandidateInput input) {
        return decide(input, true);
    }

    @MutationMapping
    public UtteranceCandidatePayload rejectUtteranceCandidate(@Argument UtteranceCandidateInput input) {
        return decide(input, false);
    }

    private UtteranceCandidatePayload decide(UtteranceCandidateInput input, boolean confirm) {
        access.requireEditor();
        long utterance, other;
        try {
            utterance = GlobalId.decode(input.utterance(), "Utterance");
        } catch (ApiException e) {
            return failed("utterance", "INVALID_ID", e.getMessage());
        }
        try {
            other = GlobalId.decode(input.other(), "Utterance");
        } catch (ApiException e) {
            return failed("other", "INVALID_ID", e.getMessage());
        }
        var decided = confirm ? curation.confirm(utterance, other) : curation.reject(utterance, other);
        if (decided.problem() != null) return failed("", "NOT_A_CANDIDATE", decided.problem());
        return new UtteranceCandidatePayload(utterances.findById(decided.utterance()), List.of());
    }

    private static UtteranceCandidatePayload failed(String path, String code, String message) {
        return new UtteranceCandidatePayload(null, List.of(new InputError(path, code, message)));
    }
}
