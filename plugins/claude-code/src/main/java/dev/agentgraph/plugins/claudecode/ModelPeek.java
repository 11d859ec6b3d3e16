package dev.agentgraph.plugins.claudecode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A sub-agent whose payloads named no model (clients before {@code resolvedModel}) is known by
 * the first request its own transcript records. The transcript is looked at on the worker, at a
 * tool event of the agent, at most {@link #TRIES} times and {@link #EVERY} apart, because it may
 * not be written yet when the agent starts.
 */
final class ModelPeek {
    static final int TRIES = 5;
    static final Duration EVERY = Duration.ofSeconds(5);
    /** Bytes of a transcript looked at: the first request is near its start. */
    private static final int HEAD = 256 * 1024;

    private final OffThread offThread;

    ModelPeek(OffThread offThread) {
        this.offThread = offThread;
    }

    /** Looks for the model of {@code agent} if it is unknown and a look is due. */
    void maybe(SessionTrack s, AgentTrack agent, Instant now, boolean history) {
        if (history || agent.resolvedModel != null || agent.transcriptModel != null || agent.teammate
                || s.transcriptPath == null || agent.modelPeeks >= TRIES
                || agent.modelPeekAt != null && now.isBefore(agent.modelPeekAt.plus(EVERY))) {
            return;
        }
        agent.modelPeeks++;
        agent.modelPeekAt = now;
        String sessionId = s.id;
        String sessionTranscript = s.transcriptPath;
        String id = agent.id;
        offThread.submit(() -> {
            Path file = TranscriptFiles.subagent(null, sessionTranscript, id);
            String model;
            try {
                model = file == null ? null : TranscriptReader.firstModel(file, HEAD);
            } catch (IOException e) {
                model = null; // looked at again at a later tool event
            }
            if (model == null) {
                return null;
            }
            String found = model;
            return (sessions, emit) -> {
                SessionTrack session = sessions.apply(sessionId);
                AgentTrack a = session == null ? null : session.agents.get(id);
                if (a != null && a.transcriptModel == null) {
                    a.transcriptModel = found;
                    AgentTree.announceModel(session, a, new Out(emit, false, now));
                }
            };
        });
    }
}
