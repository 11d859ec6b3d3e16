package dev.agentgraph.plugins.claudecode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What a sub-agent cost. Transcripts can be large, so they are read on a worker thread and never
 * on the pipeline; their totals come back through a queue that the pipeline thread drains, so
 * the agent tree is only ever touched by one thread.
 */
final class AgentCosts {
    /** Reads waiting or running; past it an agent finishes without its bill instead of queueing. */
    private static final int MAX_READS = 64;

    private final Pricing pricing;
    private final TranscriptReader transcripts;
    private final Logger log;
    private final Counter transcriptErrors;
    private final Queue<Totals> totals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger reading = new AtomicInteger();
    private final ExecutorService reader;

    /** Transcript totals of one stopped agent, handed back from the reader thread. */
    private record Totals(String sessionId, String agentId, TranscriptTotals totals) {
    }

    AgentCosts(Pricing pricing, TranscriptReader transcripts, Logger log, Counter transcriptErrors) {
        this.pricing = pricing;
        this.transcripts = transcripts;
        this.log = log;
        this.transcriptErrors = transcriptErrors;
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "claude-code-transcripts");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts reading a stopped agent's transcript; its totals arrive at a later {@link #drain}.
     * False when the reader is saturated or closed, and the caller must finish the agent itself.
     */
    boolean readLater(SessionTrack s, AgentTrack agent, Path transcript) {
        if (reading.get() >= MAX_READS) {
            return false;
        }
        String model = agent.pricedModel(s.model);
        String sessionId = s.id;
        String id = agent.id;
        reading.incrementAndGet();
        try {
            reader.execute(() -> {
                try {
                    totals.add(new Totals(sessionId, id, transcripts.read(transcript, model)));
                } catch (Exception ex) {
                    transcriptErrors.increment();
                    log.warn("cannot read the transcript of agent {}: {}", id, ex.toString());
                    // still handed back, so that the agent finishes (with a partial cost)
                    totals.add(new Totals(sessionId, id, null));
                } finally {
                    reading.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException ex) {
            reading.decrementAndGet();
            return false;
        }
    }

    /**
     * Finishes the agents whose transcripts were read. An agent already gone (its session ended
     * or was forgotten meanwhile) was finished or retired elsewhere, and its totals are dropped.
     */
    void drain(Function<String, SessionTrack> sessions, Emitter emit) {
        Totals t;
        while ((t = totals.poll()) != null) {
            SessionTrack s = sessions.apply(t.sessionId());
            AgentTrack agent = s == null ? null : s.agents.get(t.agentId());
            if (agent != null && agent.stop != null) {
                AgentTree.finishStopped(s, agent, t.totals(), new Out(emit, false, agent.stop.at()));
            }
        }
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

    void close() {
        reader.shutdownNow();
    }
}
