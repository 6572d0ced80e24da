package dev.streaminglab.costs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child's order to stop: its standard input closing, which the harness does on purpose ({@link ClientJvm#stop})
 * and the operating system does when the harness dies, so no child outlives its measurement.
 */
final class StopSignal {
    private final CountDownLatch closed = new CountDownLatch(1);

    private StopSignal() {
    }

    static StopSignal onStandardInputClosed() {
        StopSignal s = new StopSignal();
        Thread reader = new Thread(() -> {
            try (InputStream in = System.in) {
                // Nothing is ever sent: only the end of the stream matters.
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // a broken pipe is a closed one
            }
            s.closed.countDown();
        }, "stop-signal");
        reader.setDaemon(true);
        reader.start();
        return s;
    }

    boolean stopped() {
        return closed.getCount() == 0;
    }

    /** Returns once told to stop, or as soon as {@code failed} holds (checked every second). */
    void await(BooleanSupplier failed) throws InterruptedException {
        while (!failed.getAsBoolean()) {
            if (closed.await(1, TimeUnit.SECONDS)) {
                return;
            }
        }
    }
}
