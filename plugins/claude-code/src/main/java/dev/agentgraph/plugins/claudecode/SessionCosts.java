package dev.agentgraph.plugins.claudecode;

import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * A session's whole bill: the orchestrator's own requests, read from the session transcript in
 * steps as it grows (on the worker, never more than the reader's cap per step), plus what its
 * finished sub-agents cost. Each step continues where the last stopped, so a long session is
 * never read twice; its tally lives on the worker side and only the totals cross to the
 * pipeline. The orchestrator's model comes along: the transcript names it on every request.
 */
final class SessionCosts {
    /** A busy session is re-read at most this often; turn ends read at once. */
    static final Duration EVERY = Duration.ofSeconds(10);

    private final TranscriptReader transcripts;
    private final OffThread offThread;
    private final Logger log;
    private final Counter transcriptErrors;
    private final Clock clock;
    /** Worker side: one tally per session being read. */
    private final Map<String, TranscriptTally> tallies = new ConcurrentHashMap<>();

    SessionCosts(TranscriptReader transcripts, OffThread offThread, Logger log, Counter transcriptErrors, Clock clock) {
        this.clock = clock;
        this.transcripts = transcripts;
        this.offThread = offThread;
        this.log = log;
        this.transcriptErrors = transcriptErrors;
    }

    /** Reads what the session transcript gained since the last step. */
    void refresh(SessionTrack s, Instant now) {
        if (s.transcriptPath == null || s.costReadAt != null && !now.isAfter(s.costReadAt)) {
            return;
        }
        s.costReadAt = now;
        s.costDirty = false;
        String sessionId = s.id;
        String path = s.transcriptPath;
        String fallback = s.model;
        offThread.submit(() -> {
            TranscriptTally tally = tallies.computeIfAbsent(sessionId, k -> transcripts.tally(fallback));
            try {
                transcripts.readMore(Path.of(path), tally, true);
            } catch (NoSuchFileException | InvalidPathException e) {
                return null; // another machine's session, or not written yet
            } catch (IOException e) {
                transcriptErrors.increment();
                log.warn("cannot read the transcript of session {}: {}", sessionId, e.toString());
                return null;
            }
            TranscriptTotals totals = tally.totals();
            return (sessions, emit) -> {
                SessionTrack session = sessions.apply(sessionId);
                if (session != null) {
                    session.ownCost = totals;
                    Out out = new Out(emit, false, clock.instant());
                    announce(session, out);
                    if (totals.model() != null && !totals.model().equals(session.model)) {
                        session.model = totals.model();
                        out.emit(CanonicalEvents.sessionUpdate(session, out).put(Canonical.MODEL, session.model));
                    }
                }
            };
        });
    }

    /** Re-reads, on a tick, the sessions that were active since their last step. */
    void refreshIfDue(SessionTrack s, Instant now) {
        if (s.costDirty && (s.costReadAt == null || !now.isBefore(s.costReadAt.plus(EVERY)))) {
            refresh(s, now);
        }
    }

    /** Forgets the session's tally (it ended). */
    void forget(String sessionId) {
        offThread.submit(() -> {
            tallies.remove(sessionId);
            return null;
        });
    }

    /** Tells clients the session's total so far, when anything of it is known. */
    static void announce(SessionTrack s, Out out) {
        TranscriptTotals own = s.ownCost;
        if (own == null && s.agentsCostUsd == 0) {
            return;
        }
        double total = s.agentsCostUsd + (own == null || own.costUsd() == null ? 0 : own.costUsd());
        boolean partial = own == null || own.partial() || own.costUsd() == null || s.agentsCostPartial;
        out.emit(CanonicalEvents.sessionUpdate(s, out)
                .put(Canonical.COST_USD, CanonicalEvents.round(total))
                .put(Canonical.COST_PARTIAL, partial));
    }

    /** Adds a finished sub-agent's bill to its session's. */
    static void addAgent(SessionTrack s, TranscriptTotals totals, Out out) {
        if (totals == null || totals.costUsd() == null) {
            s.agentsCostPartial = true;
            return;
        }
        s.agentsCostUsd += totals.costUsd();
        s.agentsCostPartial |= totals.partial();
        announce(s, out);
    }

}
