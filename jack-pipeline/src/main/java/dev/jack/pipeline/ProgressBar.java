package dev.jack.pipeline;

import java.io.PrintWriter;

/** A progress line with rate and ETA: redrawn in place on a terminal, printed every 10 s otherwise. */
public final class ProgressBar {
    private final PrintWriter out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;

    public ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Draws the line when due: finished of toDo items, with the retries and failures so far. */
    public synchronized void update(long finished, long toDo, long retries, long failed) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 10_000_000_000L;
        if (now - lastDraw < interval && finished < toDo) return;
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = finished / Math.max(seconds, 1e-9);
        long eta = rate > 0 ? (long) ((toDo - finished) / rate) : -1;
        int width = 30;
        int filled = toDo == 0 ? width : (int) (width * finished / toDo);
        String line = String.format("[%s%s] %d/%d  %.1f/s  ETA %s  retries %d  failed %d",
                "#".repeat(filled), ".".repeat(width - filled), finished, toDo, rate,
                eta < 0 ? "?" : String.format("%d:%02d", eta / 60, eta % 60), retries, failed);
        if (terminal) out.print("\r" + line);
        else out.println(line);
        out.flush();
    }

    /** Ends the line on a terminal. */
    public void finish() {
        if (terminal) out.println();
    }
}
