package dev.agentgraph.plugins.replay;

/**
 * Where the replay is on its recording's axis ({@link RecordingAxis}), and what the user asked of
 * it: play, pause, a speed, a jump. The replay thread waits on it for the moment of its next line;
 * the HTTP route changes it from server threads. A jump is only asked for here; the replay thread
 * takes it ({@link #takeJump}) and does it.
 */
final class PlayClock {

    private boolean playing;
    private double speed;
    private long anchorMillis;
    private long anchorNanos;
    private long jump = -1;

    PlayClock(double speed, boolean playing) {
        this.speed = speed;
        this.playing = playing;
        this.anchorNanos = System.nanoTime();
    }

    /** A speed the clock can run at: positive and finite (1 = as recorded). */
    static boolean isSpeed(double speed) {
        return speed > 0 && !Double.isInfinite(speed);
    }

    /** The moment on the axis now. */
    synchronized long position() {
        if (!playing) {
            return anchorMillis;
        }
        double elapsed = (System.nanoTime() - anchorNanos) / 1_000_000.0 * speed;
        return anchorMillis + (long) Math.min(elapsed, Long.MAX_VALUE / 2.0);
    }

    synchronized boolean playing() {
        return playing;
    }

    synchronized double speed() {
        return speed;
    }

    synchronized void play() {
        if (!playing) {
            anchorNanos = System.nanoTime();
            playing = true;
            notifyAll();
        }
    }

    synchronized void pause() {
        if (playing) {
            anchorMillis = position();
            playing = false;
            notifyAll();
        }
    }

    /** Changes the speed from now on: the position does not jump. */
    synchronized void speed(double newSpeed) {
        anchorMillis = position();
        anchorNanos = System.nanoTime();
        speed = newSpeed;
        notifyAll();
    }

    /** Asks the replay thread to rebuild the state at {@code millis} and go on from there. */
    synchronized void jump(long millis) {
        jump = Math.max(0, millis);
        notifyAll();
    }

    /** The jump asked for, or -1; taking it clears it. */
    synchronized long takeJump() {
        long j = jump;
        jump = -1;
        return j;
    }

    /** Sets the position, after a jump was done or when the recording ends. */
    synchronized void moveTo(long millis) {
        anchorMillis = millis;
        anchorNanos = System.nanoTime();
    }

    /**
     * Waits until the position reaches {@code millis} (true) or a jump is asked for (false). While
     * paused only a play, a speed change or a jump ends the wait.
     */
    synchronized boolean awaitMoment(long millis) throws InterruptedException {
        while (jump < 0) {
            long now = position();
            if (now >= millis) {
                return true;
            }
            if (playing) {
                long waitMillis = (long) Math.ceil((millis - now) / speed);
                wait(Math.max(1, Math.min(waitMillis, 1_000)));
            } else {
                wait();
            }
        }
        return false;
    }

    /** Waits for a jump (after the end of the recording). */
    synchronized void awaitJump() throws InterruptedException {
        while (jump < 0) {
            wait();
        }
    }

    /** Stops at {@code millis}: the end of the recording. */
    synchronized void stopAt(long millis) {
        anchorMillis = millis;
        anchorNanos = System.nanoTime();
        playing = false;
    }
}
