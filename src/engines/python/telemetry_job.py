#!/usr/bin/env python3
"""The job (docs/evaluation/job.md) in Python with Debian's python3-confluent-kafka (librdkafka).

What a Python team writes without a framework: the checks, per-site tumbling windows with grace, the lateness
rule and the state are ours. Exactly-once by hand, as the plain Java program does it: every commit interval one
transaction holds the outputs since the last commit, a snapshot of the state (to the compacted topic --state)
and the input offsets; a restart aborts the open transaction, reads the last snapshot and resumes from the
committed offsets. Run by the kit with the same flags as every engine:
  telemetry_job.py --bootstrap B --input T --windows T --dlq T --registry FILE --state TOPIC --id ID
                   [--commit-ms 1000] [--guarantee exactly_once|at_least_once]
"""
import json
import signal
import sys
import time

from confluent_kafka import OFFSET_BEGINNING, OFFSET_INVALID, Consumer, KafkaError, KafkaException, Producer, TopicPartition

WINDOW_MS = 60_000
GRACE_MS = 30_000
TIMESTAMP_MIN = 946_684_800_000  # 2000-01-01T00:00:00Z
TIMESTAMP_MAX = 4_102_444_800_000  # 2100-01-01T00:00:00Z
RANGES = {"temperature": (-40, 85), "humidity": (0, 100), "light": (0, 100_000), "voltage": (0, 5)}
REQUIRED = ("deviceId", "timestamp", "seq", "temperature", "humidity")
NO_TIME = None


def reject_constant(name):
    raise ValueError("not JSON: " + name)  # NaN and Infinity, which Python's json would accept


def is_integer(v):
    return isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check(value, sites):
    """(reason, None) for a refused value, (None, (timestamp, temperature, site)) for an accepted one."""
    if not value:
        return "BAD_JSON", None
    try:
        doc = json.loads(value.decode("utf-8"), parse_constant=reject_constant)
    except (ValueError, UnicodeDecodeError):
        return "BAD_JSON", None
    if not isinstance(doc, dict):
        return "BAD_JSON", None
    present = {k: v for k, v in doc.items() if v is not None}
    if ("deviceId" in present and not isinstance(present["deviceId"], str)
            or any(f in present and not is_integer(present[f]) for f in ("timestamp", "seq"))
            or any(f in present and not is_number(present[f]) for f in RANGES)):
        return "BAD_JSON", None
    if any(f not in present for f in REQUIRED) or not present["deviceId"].strip():
        return "MISSING_FIELD", None
    if not TIMESTAMP_MIN <= present["timestamp"] < TIMESTAMP_MAX or any(
            f in present and not lo <= present[f] <= hi for f, (lo, hi) in RANGES.items()):
        return "OUT_OF_RANGE", None
    site = sites.get(present["deviceId"])
    if site is None:
        return "UNKNOWN_DEVICE", None
    return None, (present["timestamp"], float(present["temperature"]), site)


class Job:
    def __init__(self, args):
        self.args = args
        self.exactly_once = args.get("guarantee", "exactly_once") == "exactly_once"
        self.commit_s = int(args.get("commit-ms", "1000")) / 1000
        with open(args["registry"]) as f:
            self.sites = dict(line.strip().split(",") for line in f if line.strip())
        self.consumer = Consumer({"bootstrap.servers": args["bootstrap"], "group.id": args["id"],
                                  "enable.auto.commit": False, "auto.offset.reset": "earliest",
                                  "isolation.level": "read_committed"})
        producer = {"bootstrap.servers": args["bootstrap"], "linger.ms": 5}
        if self.exactly_once:
            producer["transactional.id"] = args["id"] + "-tx"
        self.producer = Producer(producer)
        self.stream_time = {}  # partition -> largest accepted event time
        self.open = {}  # (window start, site) -> [count, min, max, sum]
        self.running = True

    def run(self):
        if self.exactly_once:
            self.producer.init_transactions()  # fences a killed predecessor, aborts its open transaction
            self.restore()
            self.producer.begin_transaction()
        topic = self.args["input"]
        partitions = [TopicPartition(topic, p) for p in self.consumer.list_topics(topic).topics[topic].partitions]
        committed = self.consumer.committed(partitions, timeout=30)
        for tp in committed:
            self.stream_time.setdefault(tp.partition, NO_TIME)
            if tp.offset == OFFSET_INVALID:
                tp.offset = OFFSET_BEGINNING
        self.consumer.assign(committed)
        last_commit, dirty = time.monotonic(), False
        while self.running:
            for msg in self.consumer.consume(num_messages=500, timeout=0.1):
                if msg.error():
                    raise KafkaException(msg.error())
                self.process(msg)
                dirty = True
            if dirty and time.monotonic() - last_commit >= self.commit_s:
                self.commit()
                last_commit, dirty = time.monotonic(), False
        self.commit(final=True)
        self.consumer.close()

    def process(self, msg):
        reason, reading = check(msg.value(), self.sites)
        stream_time = self.stream_time[msg.partition()]
        if reason is None:
            ts, temperature, site = reading
            start = ts // WINDOW_MS * WINDOW_MS
            if stream_time is not NO_TIME and start + WINDOW_MS <= stream_time - GRACE_MS:
                reason = "LATE"
        if reason is not None:
            self.send(self.args["dlq"], msg.key(), msg.value(), [("dlq.reason", reason.encode())])
            return
        acc = self.open.get((start, site))
        if acc is None:
            self.open[(start, site)] = [1, temperature, temperature, temperature]
        else:
            acc[0] += 1
            acc[1] = min(acc[1], temperature)
            acc[2] = max(acc[2], temperature)
            acc[3] += temperature
        self.stream_time[msg.partition()] = ts if stream_time is NO_TIME else max(stream_time, ts)
        times = self.stream_time.values()
        if NO_TIME in times:
            return
        watermark = min(times) - GRACE_MS  # the slowest partition decides when a window can no longer change
        for key in sorted(k for k in self.open if k[0] + WINDOW_MS <= watermark):
            count, low, high, total = self.open.pop(key)
            window = {"site": key[1], "windowStart": key[0], "windowEnd": key[0] + WINDOW_MS, "count": count,
                      "min": low, "max": high, "avg": total / count}
            self.send(self.args["windows"], key[1].encode(), json.dumps(window).encode())

    def send(self, topic, key, value, headers=None):
        while True:
            try:
                self.producer.produce(topic, key=key, value=value, headers=headers)
                self.producer.poll(0)
                return
            except BufferError:
                self.producer.poll(0.1)  # the local queue is full: let librdkafka send

    def commit(self, final=False):
        positions = self.consumer.position(self.consumer.assignment())
        if not self.exactly_once:
            self.producer.flush()
            self.consumer.commit(offsets=[tp for tp in positions if tp.offset >= 0], asynchronous=False)
            return
        snapshot = {"streamTime": self.stream_time, "open": [[s, site] + acc for (s, site), acc in self.open.items()]}
        self.send(self.args["state"], b"state", json.dumps(snapshot).encode())
        self.producer.send_offsets_to_transaction([tp for tp in positions if tp.offset >= 0],
                                                  self.consumer.consumer_group_metadata())
        self.producer.commit_transaction()
        if not final:
            self.producer.begin_transaction()

    def restore(self):
        """Reads the state topic to its end and keeps the last committed snapshot; none on a first start."""
        reader = Consumer({"bootstrap.servers": self.args["bootstrap"], "group.id": self.args["id"] + "-restore",
                           "enable.auto.commit": False, "isolation.level": "read_committed",
                           "enable.partition.eof": True})
        tp = TopicPartition(self.args["state"], 0, OFFSET_BEGINNING)
        low, end = reader.get_watermark_offsets(tp, timeout=30)
        last = None
        if end > low:
            reader.assign([tp])
            while True:  # librdkafka signals the end of the partition, transaction markers included
                msg = reader.poll(1.0)
                if msg is None:
                    continue
                if msg.error():
                    if msg.error().code() == KafkaError._PARTITION_EOF:
                        break
                    raise KafkaException(msg.error())
                last = msg.value()
        reader.close()
        if last is not None:
            snapshot = json.loads(last)
            self.stream_time = {int(p): t for p, t in snapshot["streamTime"].items()}
            self.open = {(s, site): [c, lo, hi, tot] for s, site, c, lo, hi, tot in snapshot["open"]}


def parse(argv):
    if len(argv) % 2 or any(not a.startswith("--") for a in argv[::2]):
        sys.exit("usage: " + __doc__.strip().splitlines()[-2].strip() + " ...")
    args = {argv[i][2:]: argv[i + 1] for i in range(0, len(argv), 2)}
    missing = [f for f in ("bootstrap", "input", "windows", "dlq", "registry", "state", "id") if f not in args]
    if missing:
        sys.exit("missing --" + ", --".join(missing))
    return args


def main():
    job = Job(parse(sys.argv[1:]))

    def stop(*_):
        job.running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    job.run()


if __name__ == "__main__":
    main()
