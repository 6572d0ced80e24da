package dev.streaminglab.ingest;

/** How readings spread over devices: evenly, or a few hot devices and a long tail (Zipf by device number). */
public enum KeySkew {
    UNIFORM, ZIPF
}
