#!/usr/bin/env python3
"""A Credence client in Python (Debian's python3-confluent-kafka and python3-avro), using nothing of the Java code but
the .avsc files:
  1. publishes the spec of model MODEL (a regression on 2 features) to model-specs,
  2. produces LabeledRecords (y = sin(x1) + 0.5 x2 + noise) to labeled-records, keyed by model id,
  3. produces FeatureRecords for a few points to feature-records, plus one with a wrong feature count (and, in registry
     mode, one framed with a schema id the registry does not have),
  4. reads their Predictions from predictions (read_committed) and the refused ones from stream-scorer.dlq, each with
     its original bytes.
Exits 0 when every prediction and dead letter arrived within TIMEOUT_S (all steps together), 1 otherwise.

Two formats, the apps' credence.serde.format (--serde-format):
  - single-object (default): Avro single-object encoding (C3 01, the schema's CRC-64-AVRO fingerprint, the body),
    credence_avro.py;
  - registry, when REGISTRY_URL is set: the Confluent wire format (0, the schema's 4-byte registry id, the body) under
    subjects <topic>-value, credence_registry.py. The schemas must be registered (credence topics --serde-format
    registry --registry-url URL does it) unless REGISTRY_AUTO_REGISTER=1.

Environment: BOOTSTRAP (default localhost:9092), MODEL (default py-sin), RECORDS (default 640), TIMEOUT_S (default
120), CREDENCE_SCHEMAS (default ../../../schemas/src/main/avro), EXPECT_FINGERPRINTS (optional, single-object mode only,
"Name=hex,...": fail unless this client's single-object fingerprints are those, as the Java codecs print them).
Registry mode: REGISTRY_URL (e.g. http://localhost:8081), REGISTRY_BASIC_AUTH ("user:password"), REGISTRY_BEARER_TOKEN,
REGISTRY_CA_LOCATION (a CA bundle for https), REGISTRY_AUTO_REGISTER (1: register this client's .avsc files where no
version under a subject has their canonical form).
Kafka security (SASL/SSL): add librdkafka's settings (security.protocol, sasl.*, ssl.*) to CONFIG below.
"""
import math
import os
import random
import sys
import time

from confluent_kafka import Consumer, KafkaError, Producer

from credence_avro import SingleObject, now

REGISTRY_URL = os.environ.get("REGISTRY_URL")
if REGISTRY_URL:
    from credence_registry import ConfluentWire, frame, registry_client

BOOTSTRAP = os.environ.get("BOOTSTRAP", "localhost:9092")
MODEL = os.environ.get("MODEL", "py-sin")
RECORDS = int(os.environ.get("RECORDS", "640"))
TIMEOUT_S = float(os.environ.get("TIMEOUT_S", "120"))
QUERIES = [(-2.0, 1.0), (-1.0, 0.0), (0.0, 2.0), (1.0, -1.0), (2.0, 0.5)]
# librdkafka's default partitioner (consistent_random: CRC32) puts a key on another partition than Java's murmur2; the
# trainer still learns such records, after a hop through its by-model repartition topic. murmur2_random matches Java.
CONFIG = {"bootstrap.servers": BOOTSTRAP}

if REGISTRY_URL:
    REGISTRY = registry_client(REGISTRY_URL, os.environ.get("REGISTRY_BASIC_AUTH"),
                               os.environ.get("REGISTRY_BEARER_TOKEN"), os.environ.get("REGISTRY_CA_LOCATION"))
    AUTO_REGISTER = os.environ.get("REGISTRY_AUTO_REGISTER", "") in ("1", "true")


def codec(topic, name):
    """The encoder and decoder of record type name on topic, in this run's format."""
    if REGISTRY_URL:
        return ConfluentWire(REGISTRY, topic, name, auto_register=AUTO_REGISTER)
    return SingleObject(name)


spec_codec = codec("model-specs", "ModelSpec")
labeled = codec("labeled-records", "LabeledRecord")
features = codec("feature-records", "FeatureRecord")
prediction = codec("predictions", "Prediction")
dead_letter = codec("stream-scorer.dlq", "DeadLetter")


def announce_format():
    """Prints the format; in registry mode, resolves the ids this client writes with first (failing before anything
    is produced when a schema is not registered)."""
    if not REGISTRY_URL:
        print("records in Avro single-object encoding (C3 01, 8-byte schema fingerprint, Avro body)")
        return
    ids = ", ".join("%s=%d" % (c.subject, c.schema_id()) for c in (spec_codec, labeled, features))
    print("records in the Confluent wire format (0, 4-byte schema id, Avro body), schemas from the registry at %s;"
          " writing with schema ids %s" % (REGISTRY_URL, ids))


def check_fingerprints():
    expected = os.environ.get("EXPECT_FINGERPRINTS")
    if not expected or REGISTRY_URL:
        return
    for pair in expected.split(","):
        name, hex_value = pair.split("=")
        ours = SingleObject(name).fingerprint
        if ours != int(hex_value, 16):
            raise SystemExit("error: %s fingerprint %016x, the Java codec's is %s" % (name, ours, hex_value))
    print("single-object fingerprints match the Java codecs': " + expected)


def consumer(topic, run_id):
    """A read_committed consumer of topic from its end, returned once it owns its partitions."""
    assigned = []
    c = Consumer({**CONFIG, "group.id": run_id + "-" + topic, "isolation.level": "read_committed",
                  "auto.offset.reset": "latest", "enable.auto.commit": False})
    c.subscribe([topic], on_assign=lambda _, partitions: assigned.extend(partitions))
    deadline = time.monotonic() + 60
    while not assigned:
        c.poll(0.2)
        if time.monotonic() > deadline:
            raise SystemExit("error: the %s consumer got no partitions within 60 s" % topic)
    # The end offsets must be resolved before anything is produced: "latest" is resolved lazily at the first fetch.
    for p in assigned:
        _, high = c.get_watermark_offsets(p, timeout=10)
        p.offset = high
    c.assign(assigned)
    return c


def main():
    announce_format()
    check_fingerprints()
    run_id = "py-%x" % int(time.time() * 1000)
    predictions = consumer("predictions", run_id)
    dead_letters = consumer("stream-scorer.dlq", run_id)
    producer = Producer({**CONFIG, "enable.idempotence": True, "partitioner": "murmur2_random"})

    spec = {"modelId": MODEL, "task": "REGRESSION", "features": 2, "hidden": [32], "snapshotEveryUpdates": 5,
            "snapshotEverySeconds": 1.0, "streaming": {"mode": "EFFECTIVE_DATA_SIZE", "effectiveDataSize": RECORDS,
                                                       "tempering": 1.0}}
    producer.produce("model-specs", key=MODEL, value=spec_codec.encode(spec))
    producer.flush()
    print("published the spec of model %s" % MODEL)

    rng = random.Random(7)
    for i in range(RECORDS):
        x1, x2 = rng.uniform(-3, 3), rng.uniform(-1, 2)
        producer.produce("labeled-records", key=MODEL, value=labeled.encode({
            "modelId": MODEL, "recordId": "%s-r%d" % (run_id, i), "features": [x1, x2],
            "label": math.sin(x1) + 0.5 * x2 + rng.gauss(0, 0.1), "eventTime": now(), "weight": None}))
    producer.flush()
    print("sent %d labeled records of model %s" % (RECORDS, MODEL))

    pending = {}
    for i, (x1, x2) in enumerate(QUERIES):
        request = "%s-%d" % (run_id, i)
        pending[request] = (x1, x2)
        producer.produce("feature-records", key=MODEL, value=features.encode({
            "modelId": MODEL, "requestId": request, "features": [x1, x2], "eventTime": now(), "samples": None}))
    refused = features.encode({"modelId": MODEL, "requestId": run_id + "-bad", "features": [1.0, 2.0, 3.0],
                               "eventTime": now(), "samples": None})
    expected = {refused: "FEATURE_COUNT"}  # original bytes -> the error class of their dead letter
    extra = ""
    if REGISTRY_URL:
        # A well-formed body framed with an id the registry does not have: the scorer cannot resolve its schema.
        unknown = frame(0x7FFFFFFF, features.encode({"modelId": MODEL, "requestId": run_id + "-unknown-schema",
                                                     "features": [1.0, 2.0], "eventTime": now(), "samples": None})[5:])
        expected[unknown] = "WRONG_SCHEMA"
        extra = " and one framed with schema id %d, which the registry does not have" % 0x7FFFFFFF
    for value in expected:
        producer.produce("feature-records", key=MODEL, value=value)
    producer.flush()
    print("sent %d feature records and one with 3 features%s; waiting for predictions..." % (len(QUERIES), extra))

    deadline = time.monotonic() + TIMEOUT_S
    refusals = {}
    try:
        while (pending or len(refusals) < len(expected)) and time.monotonic() < deadline:
            for message in (predictions.consume(100, 0.2) if pending else []):
                if message.error():
                    if message.error().code() != KafkaError._PARTITION_EOF:
                        raise SystemExit("error: " + str(message.error()))
                    continue
                p = prediction.decode(message.value())
                if p["modelId"] != MODEL or p["requestId"] not in pending:
                    continue
                x1, x2 = pending.pop(p["requestId"])
                print("x=(%.1f, %.1f)  mean=%.3f  90%% [%.3f, %.3f]  epistemic std=%.3f  (truth %.3f, model version %d)"
                      % (x1, x2, p["mean"], p["lower"], p["upper"], p["epistemicStd"], math.sin(x1) + 0.5 * x2,
                         p["modelVersion"]))
            for message in (dead_letters.consume(100, 0.2) if len(refusals) < len(expected) else []):
                if message.error():
                    continue
                d = dead_letter.decode(message.value())
                if d["value"] in expected and d["value"] not in refusals:
                    refusals[d["value"]] = d
                    print("dead letter on stream-scorer.dlq: %s: %s (original bytes kept)" % (d["errorClass"], d["reason"]))
    finally:
        predictions.close()
        dead_letters.close()
    letters = "the dead letter" if len(expected) == 1 else "the %d dead letters" % len(expected)
    if pending or len(refusals) < len(expected):
        print("error: within %.0f s, %d of %d predictions and %d of %d dead letters did not arrive"
              % (TIMEOUT_S, len(pending), len(QUERIES), len(expected) - len(refusals), len(expected)), file=sys.stderr)
        return 1
    for value, error_class in expected.items():
        if refusals[value]["errorClass"] != error_class:
            print("error: a refused record was dead-lettered as %s, not %s" % (refusals[value]["errorClass"], error_class),
                  file=sys.stderr)
            return 1
    print("all %d predictions and %s received" % (len(QUERIES), letters))
    return 0


if __name__ == "__main__":
    sys.exit(main())
