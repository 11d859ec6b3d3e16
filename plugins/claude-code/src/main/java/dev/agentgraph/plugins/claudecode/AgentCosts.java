package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Counter;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * What a sub-agent cost. Its transcript is read on the worker after its {@code SubagentStop},
 * and the agent finishes when the totals land; when the worker is saturated the agent finishes at
 * once without its bill (partial), rather than the pipeline waiting.
 */
final class AgentCosts {

    private final Pricing pricing;
    private final TranscriptReader transcripts;
    private final OffThread offThread;
    private final Logger log;
    private final Counter transcriptErrors;

    AgentCosts(Pricing pricing, TranscriptReader transcripts, OffThread offThread, Logger log,
               Counter transcriptErrors) {
        this.pricing = pricing;
        this.transcripts = transcripts;
        this.offThread = offThread;
        this.log = log;
        this.transcriptErrors = transcriptErrors;
    }

    /**
     * Starts reading a stopped agent's transcript; the agent finishes when its totals land.
     * False when the worker refused, and the caller must finish the agent itself.
     */
    boolean readLater(SessionTrack s, AgentTrack agent, Path transcript) {
        String model = agent.pricedModel(s.model);
        String sessionId = s.id;
        String id = agent.id;
        return offThread.submit(() -> {
            TranscriptTotals totals;
            try {
                totals = transcripts.read(transcript, model);
            } catch (Exception ex) {
                transcriptErrors.increment();
                log.warn("cannot read the transcript of agent {}: {}", id, ex.toString());
                totals = null; // the agent still finishes, with a partial cost
            }
            TranscriptTotals read = totals;
            return (sessions, emit) -> {
                SessionTrack session = sessions.apply(sessionId);
                AgentTrack stopped = session == null ? null : session.agents.get(id);
                // An agent already gone (its session ended meanwhile) was finished elsewhere.
                if (stopped != null && stopped.stop != null) {
                    AgentTree.finishStopped(session, stopped, read, new Out(emit, false, stopped.stop.at()));
                }
            };
        });
    }

    /** Tokens a payload carries (a foreground run's final request only), so always partial. */
    TranscriptTotals payloadTotals(SessionTrack s, AgentTrack agent, JsonObject response) {
        JsonElement usage = response == null ? null : response.get("usage");
        Tokens tokens = usage != null && usage.isJsonObject() ? Tokens.fromUsage(usage.getAsJsonObject()) : null;
        if (tokens == null) {
            return null;
        }
        String model = agent.pricedModel(s.model);
        Pricing.Prices prices = pricing.forModel(model);
        return new TranscriptTotals(tokens, prices == null ? null : prices.cost(tokens), model, true);
    }
}
