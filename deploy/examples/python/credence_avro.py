"""Avro single-object encoding, as every Credence topic uses it:

    0xC3 0x01 | 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form | Avro body

python-avro writes the body. The fingerprint is computed here from the Avro specification's Parsing Canonical Form,
because python-avro 1.11 keeps {"type": "long"} for a field with a logical type where the specification (and Java)
reduce it to "long", so its own canonical form gives another fingerprint and Credence would dead-letter every record
as WRONG_SCHEMA.

Registry mode (the Confluent wire format: 0, 4-byte schema id, Avro body) is in credence_registry.py.
"""
import datetime
import io
import json
import os

import avro.io
import avro.schema

SCHEMAS = os.environ.get("CREDENCE_SCHEMAS",
                         os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "schemas", "src", "main", "avro"))

_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY & -(_fp & 1))
    _TABLE.append(_fp & 0xFFFFFFFFFFFFFFFF)

_PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}
_KEEP = ("name", "type", "fields", "symbols", "items", "values", "size")


def crc64_avro(data: bytes) -> int:
    """CRC-64-AVRO of bytes, as the Avro specification defines it."""
    fp = _EMPTY
    for byte in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp


def canonical_form(schema) -> str:
    """The Parsing Canonical Form of a schema given as parsed JSON (dict, list or str)."""
    return _canonical(schema, None, set())


def _fullname(name, namespace):
    return name if "." in name or not namespace else namespace + "." + name


def _canonical(s, namespace, seen):
    if isinstance(s, str):
        return json.dumps(s if s in _PRIMITIVES else _fullname(s, namespace))
    if isinstance(s, list):
        return "[" + ",".join(_canonical(b, namespace, seen) for b in s) + "]"
    kind = s["type"]
    if not isinstance(kind, str) or kind in _PRIMITIVES:
        return _canonical(kind, namespace, seen)  # logicalType and other attributes are stripped
    if kind in ("record", "error", "enum", "fixed"):
        namespace = s.get("namespace", namespace) if "." not in s["name"] else s["name"].rsplit(".", 1)[0]
        name = _fullname(s["name"], namespace)
        if name in seen:
            return json.dumps(name)
        seen.add(name)
        parts = ['"name":' + json.dumps(name), '"type":' + json.dumps("record" if kind == "error" else kind)]
        if kind in ("record", "error"):
            parts.append('"fields":[' + ",".join(
                '{"name":' + json.dumps(f["name"]) + ',"type":' + _canonical(f["type"], namespace, seen) + "}"
                for f in s["fields"]) + "]")
        elif kind == "enum":
            parts.append('"symbols":' + json.dumps(s["symbols"], separators=(",", ":")))
        else:
            parts.append('"size":' + str(int(s["size"])))
        return "{" + ",".join(parts) + "}"
    if kind == "array":
        return '{"type":"array","items":' + _canonical(s["items"], namespace, seen) + "}"
    if kind == "map":
        return '{"type":"map","values":' + _canonical(s["values"], namespace, seen) + "}"
    return _canonical(kind, namespace, seen)


def schema_text(name, directory=SCHEMAS):
    """The text of record type name's .avsc file (in directory or its common/ folder)."""
    path = os.path.join(directory, name + ".avsc")
    if not os.path.exists(path):
        path = os.path.join(directory, "common", name + ".avsc")
    with open(path, encoding="utf-8") as f:
        return f.read()


def with_defaults(schema, value: dict) -> dict:
    """value with the top-level fields it leaves out set to their schema defaults (python-avro fills in none)."""
    full = {f.name: f.default for f in schema.fields if f.has_default}
    full.update(value)
    return full


class SingleObject:
    """Encoder and decoder of one Credence record type in single-object encoding."""

    def __init__(self, name, directory=SCHEMAS):
        text = schema_text(name, directory)
        self.name = name
        self.schema = avro.schema.parse(text)
        self.fingerprint = crc64_avro(canonical_form(json.loads(text)).encode("utf-8"))
        self._header = b"\xc3\x01" + self.fingerprint.to_bytes(8, "little")
        self._writer = avro.io.DatumWriter(self.schema)
        self._reader = avro.io.DatumReader(self.schema, self.schema)

    def encode(self, value: dict) -> bytes:
        """The record's bytes; top-level fields left out take their schema defaults (python-avro fills in none)."""
        out = io.BytesIO()
        out.write(self._header)
        self._writer.write(with_defaults(self.schema, value), avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, data: bytes) -> dict:
        if len(data) < 10 or data[:2] != b"\xc3\x01":
            raise ValueError("not Avro single-object encoding (no C3 01 marker)")
        if data[2:10] != self._header[2:]:
            raise ValueError("schema fingerprint %016x is not %s's %016x"
                             % (int.from_bytes(data[2:10], "little"), self.name, self.fingerprint))
        return self._reader.read(avro.io.BinaryDecoder(io.BytesIO(data[10:])))


def now():
    """A timestamp for eventTime fields (timestamp-millis)."""
    return datetime.datetime.now(datetime.timezone.utc)
