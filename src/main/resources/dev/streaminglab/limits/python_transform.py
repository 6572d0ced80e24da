"""The Python path next to Kafka Streams: a plain consume-transform-produce loop with confluent-kafka.

Reads readings "device,celsius" from IN, writes "device,fahrenheit" to OUT, commits offsets after each
produced batch (at-least-once). Anything stateful (windows, joins, restore after a crash) would be ours to
write. Prints one JSON line with what it did.

Usage: python3 python_transform.py BOOTSTRAP IN OUT COUNT GROUP
"""
import json
import sys
import time

from confluent_kafka import Consumer, Producer


def main(bootstrap, source, sink, count, group):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    consumer.subscribe([source])
    done, first, deadline = 0, None, time.time() + 120
    while done < count and time.time() < deadline:
        batch = consumer.consume(num_messages=500, timeout=0.5)
        for msg in batch:
            if msg.error():
                raise SystemExit("consume failed: %s" % msg.error())
            first = first or time.time()
            device, celsius = msg.value().decode().split(",")
            fahrenheit = float(celsius) * 9 / 5 + 32
            producer.produce(sink, key=msg.key(), value=("%s,%.1f" % (device, fahrenheit)).encode())
            done += 1
        if batch:
            producer.flush()
            consumer.commit(asynchronous=False)
    consumer.close()
    seconds = time.time() - (first or time.time())
    print(json.dumps({"processed": done, "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
