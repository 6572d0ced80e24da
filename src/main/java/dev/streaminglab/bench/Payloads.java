package dev.streaminglab.bench;

import java.util.SplittableRandom;

/** Record values for throughput runs. */
final class Payloads {
    private Payloads() {
    }

    /**
     * Random upper-case letters, reused for every record: what ProducerPerformance sends with --record-size, so
     * both sides compress equally well.
     */
    static byte[] letters(int size) {
        SplittableRandom random = new SplittableRandom(size);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (random.nextInt(26) + 65);
        }
        return payload;
    }
}
