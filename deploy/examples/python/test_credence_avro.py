"""Unit tests of credence_avro (python3 -m unittest, from this directory)."""
import datetime
import unittest

from credence_avro import SingleObject, canonical_form, crc64_avro


class CanonicalFormTest(unittest.TestCase):

    def test_a_logical_type_reduces_to_its_primitive(self):
        self.assertEqual(canonical_form({"type": "long", "logicalType": "timestamp-millis"}), '"long"')

    def test_records_keep_only_names_types_and_fields_with_full_names(self):
        schema = {"type": "record", "name": "R", "namespace": "a.b", "doc": "dropped", "fields": [
            {"name": "x", "type": ["null", "R"], "default": None, "doc": "dropped"},
            {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["P", "Q"]}}]}
        self.assertEqual(canonical_form(schema),
                         '{"name":"a.b.R","type":"record","fields":[{"name":"x","type":["null","a.b.R"]},'
                         '{"name":"e","type":{"name":"a.b.E","type":"enum","symbols":["P","Q"]}}]}')

    def test_crc64_avro_of_the_specifications_example(self):
        # The fingerprint of the schema "int" in the Avro specification's test vectors.
        self.assertEqual(crc64_avro(b'"int"'), 0x7275D51A3F395C8F)

    def test_a_record_round_trips_with_its_header(self):
        codec = SingleObject("FeatureRecord")
        value = {"modelId": "m", "requestId": "r", "features": [1.5, -2.0], "samples": 7, "includeDraws": True,
                 "eventTime": datetime.datetime(2026, 12, 7, tzinfo=datetime.timezone.utc)}
        data = codec.encode(value)
        self.assertEqual(data[:2], b"\xc3\x01")
        self.assertEqual(int.from_bytes(data[2:10], "little"), codec.fingerprint)
        self.assertEqual(codec.decode(data)["features"], [1.5, -2.0])


if __name__ == "__main__":
    unittest.main()
