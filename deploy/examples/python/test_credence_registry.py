"""Unit tests of credence_registry (python3 -m unittest, from this directory): the frame, and encoding and decoding
against an in-process fake of the registry calls that python3-confluent-kafka's SchemaRegistryClient makes."""
import datetime
import json
import os
import unittest

from confluent_kafka.schema_registry import RegisteredSchema, Schema
from confluent_kafka.schema_registry.error import SchemaRegistryError

from credence_avro import SCHEMAS, schema_text
from credence_registry import ConfluentWire, frame, parse_frame, registry_client, subject

HISTORY = os.path.join(SCHEMAS, "..", "resources", "io", "credence", "schemas", "serde", "schema-history.jsonl")
WHEN = datetime.datetime(2026, 12, 7, tzinfo=datetime.timezone.utc)


def java_rendering(name):
    """The schema as Credence's Java code registers it: one line, strings marked "avro.java.string"."""
    def mark(s):
        if s == "string":
            return {"type": "string", "avro.java.string": "String"}
        if isinstance(s, list):
            return [mark(b) for b in s]
        if isinstance(s, dict):
            return {k: (mark(v) if k in ("type", "items", "values", "fields") else v) for k, v in s.items()}
        return s
    parsed = json.loads(schema_text(name))
    parsed["fields"] = [{**f, "type": mark(f["type"])} for f in parsed["fields"]]
    return json.dumps(parsed, separators=(",", ":"))


class FakeRegistry:
    """The SchemaRegistryClient calls ConfluentWire makes, in memory; ids are global, versions per subject."""

    def __init__(self):
        self.schemas = {}   # id -> schema text
        self.subjects = {}  # subject -> [id of version 1, 2, ...]
        self.calls = []

    def register_schema(self, subject_name, schema):
        self.calls.append(("register_schema", subject_name))
        ids = [i for i, text in self.schemas.items() if text == schema.schema_str]
        schema_id = ids[0] if ids else len(self.schemas) + 100
        self.schemas[schema_id] = schema.schema_str
        versions = self.subjects.setdefault(subject_name, [])
        if schema_id not in versions:
            versions.append(schema_id)
        return schema_id

    def get_versions(self, subject_name):
        self.calls.append(("get_versions", subject_name))
        if subject_name not in self.subjects:
            raise SchemaRegistryError(404, 40401, "Subject '%s' not found." % subject_name)
        return list(range(1, len(self.subjects[subject_name]) + 1))

    def get_version(self, subject_name, version):
        self.calls.append(("get_version", subject_name))
        if subject_name not in self.subjects:
            raise SchemaRegistryError(404, 40401, "Subject '%s' not found." % subject_name)
        versions = self.subjects[subject_name]
        number = len(versions) if version == "latest" else version
        schema_id = versions[number - 1]
        return RegisteredSchema(schema_id, Schema(self.schemas[schema_id], "AVRO"), subject_name, number)

    def get_latest_version(self, subject_name):
        return self.get_version(subject_name, "latest")

    def get_schema(self, schema_id):
        self.calls.append(("get_schema", schema_id))
        if schema_id not in self.schemas:
            raise SchemaRegistryError(404, 40403, "Schema %d not found" % schema_id)
        return Schema(self.schemas[schema_id], "AVRO")


class FrameTest(unittest.TestCase):

    def test_a_frame_is_a_zero_byte_the_big_endian_id_and_the_body(self):
        self.assertEqual(frame(258, b"body"), b"\x00\x00\x00\x01\x02body")
        self.assertEqual(parse_frame(b"\x00\x7f\xff\xff\xffbody"), (0x7FFFFFFF, b"body"))
        self.assertEqual(parse_frame(frame(7, b"")), (7, b""))

    def test_an_id_outside_the_registrys_range_is_refused(self):
        with self.assertRaisesRegex(ValueError, "not a registry id"):
            frame(-1, b"")

    def test_a_single_object_payload_is_named_as_such(self):
        with self.assertRaisesRegex(ValueError, r"starts with byte C3: it is Avro single-object encoding"):
            parse_frame(b"\xc3\x01" + bytes(8) + b"body")

    def test_a_bad_magic_byte_is_refused_with_its_value(self):
        with self.assertRaisesRegex(ValueError, r"starts with byte 7B: the Confluent wire format starts with magic byte 0"):
            parse_frame(b'{"modelId": "m"}')
        with self.assertRaisesRegex(ValueError, r"starts with byte 01: magic byte 1 frames a schema GUID"):
            parse_frame(b"\x01" + bytes(16))

    def test_a_payload_shorter_than_the_header_is_refused(self):
        with self.assertRaisesRegex(ValueError, "has 4 bytes, fewer than the 5-byte Confluent wire-format header"):
            parse_frame(b"\x00\x00\x00\x01")
        with self.assertRaisesRegex(ValueError, "is null"):
            parse_frame(None)

    def test_subjects_follow_the_topic_name_strategy(self):
        self.assertEqual(subject("stream-scorer.dlq"), "stream-scorer.dlq-value")


class RegistryClientTest(unittest.TestCase):

    def test_basic_auth_and_bearer_tokens_reach_the_http_session(self):
        basic = registry_client("http://registry:8081", basic_auth="user:secret")
        self.assertEqual(basic._rest_client.session.auth, ("user", "secret"))
        bearer = registry_client("http://registry:8081/", bearer_token="t0k3n")
        self.assertEqual(bearer._rest_client.session.headers["Authorization"], "Bearer t0k3n")
        self.assertEqual(bearer._rest_client.base_url, "http://registry:8081")


class ConfluentWireTest(unittest.TestCase):

    def setUp(self):
        self.registry = FakeRegistry()

    def test_records_are_framed_with_the_id_credence_registered_and_read_back(self):
        self.registry.register_schema("feature-records-value", Schema(java_rendering("FeatureRecord"), "AVRO"))
        codec = ConfluentWire(self.registry, "feature-records", "FeatureRecord")
        data = codec.encode({"modelId": "m", "requestId": "r", "features": [1.5, -2.0], "eventTime": WHEN})
        schema_id, _ = parse_frame(data)
        self.assertEqual(schema_id, 100)
        record = codec.decode(data)
        self.assertEqual((record["features"], record["samples"], record["includeDraws"], record["eventTime"]),
                         ([1.5, -2.0], None, False, WHEN))
        codec.encode({"modelId": "m", "requestId": "r2", "features": [], "eventTime": WHEN})
        codec.decode(data)
        self.assertEqual(self.registry.calls.count(("get_schema", 100)), 1, "the id is resolved once")
        self.assertEqual(self.registry.calls.count(("get_version", "feature-records-value")), 1, "the schema once")

    def test_an_older_version_is_used_when_the_latest_is_another_schema(self):
        ours = self.registry.register_schema("feature-records-value", Schema(java_rendering("FeatureRecord"), "AVRO"))
        newer = json.loads(schema_text("FeatureRecord"))
        newer["fields"].append({"name": "extra", "type": "int", "default": 0})
        self.registry.register_schema("feature-records-value", Schema(json.dumps(newer), "AVRO"))
        codec = ConfluentWire(self.registry, "feature-records", "FeatureRecord")
        self.assertEqual(codec.schema_id(), ours)

    def test_an_unregistered_schema_is_refused_unless_auto_registration_is_on(self):
        codec = ConfluentWire(self.registry, "labeled-records", "LabeledRecord")
        with self.assertRaisesRegex(ValueError, r"no version under subject labeled-records-value has the schema of "
                                                r"io.credence.avro.LabeledRecord.*credence topics --serde-format registry"):
            codec.encode({})
        registering = ConfluentWire(self.registry, "labeled-records", "LabeledRecord", auto_register=True)
        self.assertEqual(registering.schema_id(), 100)
        self.assertEqual(self.registry.schemas[100], schema_text("LabeledRecord"))

    def test_a_record_of_an_older_writer_schema_is_resolved_to_the_current_one(self):
        with open(HISTORY, encoding="utf-8") as f:
            versions = [json.loads(line) for line in f if line.strip()]
        older = next(v["schema"] for v in versions if v["fingerprint"] == "f8c882d44bb20d4c")
        old_id = self.registry.register_schema("feature-records-value", Schema(json.dumps(older), "AVRO"))
        # The older schema has no includeDraws: a body written with it is the current one's without its last field.
        current = ConfluentWire(self.registry, "feature-records", "FeatureRecord", auto_register=True)
        body = current.encode({"modelId": "m", "requestId": "r", "features": [3.0], "eventTime": WHEN, "samples": 9})
        record = current.decode(frame(old_id, body[5:-1]))
        self.assertEqual((record["samples"], record["includeDraws"]), (9, False))

    def test_an_id_the_registry_does_not_have_is_refused(self):
        codec = ConfluentWire(self.registry, "predictions", "Prediction")
        with self.assertRaisesRegex(ValueError, "Prediction payload names schema id 4242, which the schema registry"
                                                " does not have"):
            codec.decode(frame(4242, b""))

    def test_a_writer_schema_the_reader_cannot_resolve_is_refused(self):
        other = self.registry.register_schema("predictions-value", Schema(java_rendering("FeatureRecord"), "AVRO"))
        codec = ConfluentWire(self.registry, "predictions", "Prediction")
        with self.assertRaisesRegex(ValueError, "written with schema id %d, which Prediction.avsc cannot read" % other):
            codec.decode(frame(other, b"\x02m\x02r\x00\x00\x00"))


if __name__ == "__main__":
    unittest.main()
