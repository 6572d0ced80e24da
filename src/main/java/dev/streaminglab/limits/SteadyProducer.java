package dev.streaminglab.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces at a steady rate in the background, each record stamped with its send time, so experiments can
 * see pauses (a gap between send and processing) and lag (produced minus processed).
 */
final class SteadyProducer implements AutoCloseable {
    private static final Duration PACE = Duration.ofMillis(5);
    private final AtomicLong produced = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    SteadyProducer(Workbench bench, String topic, int ratePerSec, int keys) {
        thread = new Thread(() -> {
            try (KafkaProducer<String, String> p = bench.producer()) {
                long start = System.nanoTime();
                while (running.get()) {
                    long due = (System.nanoTime() - start) * ratePerSec / 1_000_000_000L;
                    while (produced.get() < due) {
                        long i = produced.getAndIncrement();
                        p.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), "k" + i % keys, "v" + i));
                    }
                    Timed.pace(PACE);
                }
            }
        }, "limits-steady-producer");
        thread.setDaemon(true);
        thread.start();
    }

    long produced() {
        return produced.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
