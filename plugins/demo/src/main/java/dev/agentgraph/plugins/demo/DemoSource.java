package dev.agentgraph.plugins.demo;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Canonical;
import dev.agentgraph.api.Counter;
import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Source;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** Plays {@link DemoScript} loops on a daemon thread, stamping each event with the time it leaves. */
final class DemoSource implements Source {

    /** The quiet gap between two loops at speed 1, so a loop's fade-outs finish before the next. */
    static final long LOOP_GAP_MILLIS = 4_000;

    private final DemoScript script;
    private final double speed;
    private final int loops;
    private final Clock clock;
    private final Logger log;
    private final Counter emitted;
    private final Counter loopsPlayed;
    private volatile Thread thread;

    DemoSource(DemoScript script, double speed, int loops, PluginContext context) {
        this.script = script;
        this.speed = speed;
        this.loops = loops;
        this.clock = context.clock();
        this.log = context.log();
        this.emitted = context.counter("events");
        this.loopsPlayed = context.counter("loops");
    }

    @Override
    public void start(Emitter emitter) {
        Thread t = new Thread(() -> play(emitter), "demo");
        t.setDaemon(true);
        thread = t;
        t.start();
        log.info("demo: playing a synthetic swarm at speed {}{}", speed, loops == 0 ? "" : " for " + loops + " loop(s)");
    }

    private void play(Emitter emitter) {
        try {
            for (int n = 0; loops == 0 || n < loops; n++) {
                playLoop(script.loop(n), emitter);
                loopsPlayed.increment();
                pause(LOOP_GAP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void playLoop(List<DemoStep> steps, Emitter emitter) throws InterruptedException {
        long previous = 0;
        for (DemoStep step : steps) {
            pause(step.atMillis() - previous);
            previous = step.atMillis();
            emitter.emit(stamp(step.fields()));
            emitted.increment();
        }
    }

    private Event stamp(JsonObject fields) {
        JsonObject json = new JsonObject();
        json.addProperty(Canonical.TS, clock.instant().toString());
        for (Map.Entry<String, com.google.gson.JsonElement> e : fields.entrySet()) {
            json.add(e.getKey(), e.getValue().deepCopy());
        }
        return Event.of(json);
    }

    private void pause(long scriptMillis) throws InterruptedException {
        long millis = Math.round(scriptMillis / speed);
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(2_000);
        }
    }
}
