package dev.streaminglab.bench;

import java.util.SplittableRandom;

/** Record values for throughput runs. */
final class Payloads {
    private Payloads() {
    }

    /**
     * Fills {@code payload} with random upper-case letters: what ProducerPerformance does to its one payload
     * array before every record with --record-size (4.3, {@code generateRandomPayload}). Doing the same, not
     * reusing one fixed value, matters twice: the fill costs CPU per record, and identical values would
     * compress far better than the tool's.
     */
    static void fillLetters(byte[] payload, SplittableRandom random) {
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (random.nextInt(26) + 65);
        }
    }

    /** One value of random letters. */
    static byte[] letters(int size) {
        byte[] payload = new byte[size];
        fillLetters(payload, new SplittableRandom(size));
        return payload;
    }
}
