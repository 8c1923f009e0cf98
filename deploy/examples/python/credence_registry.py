"""The Confluent wire format, as Credence's registry mode (--serde-format registry) uses it:

    0x00 | 4-byte big-endian schema id of the writer schema in the schema registry | Avro body

Subjects follow the topic-name strategy (<topic>-value). python-avro writes and reads the bodies; the registry calls go
through python3-confluent-kafka's SchemaRegistryClient (it needs python3-requests). Its AvroSerializer and
AvroDeserializer are not used: they need fastavro, which Debian does not package.

Writing, a record is framed with the id of the newest version under the topic's subject whose Parsing Canonical Form
equals that of this client's .avsc file: normally the subject's latest version, which `credence topics --serde-format
registry --registry-url URL` registers (every version Credence reads, oldest first, the current one last). Canonical
forms are compared, not the schema text, because Credence registers its Java rendering of the schema (with docs and
"avro.java.string" properties), which a registry's lookup does not take for the .avsc file's text; equal canonical
forms mean identical bodies. When no version matches (the subject is missing, or this client's .avsc file is older or
newer than every registered version), the encoder fails, unless auto_register is set: then it registers the .avsc
file under the subject (the registry's compatibility rule decides) and uses that id.

Reading, the id is taken from the frame, its schema fetched from the registry once (cached) and the body resolved from
that writer schema to this client's .avsc file (the reader schema), as Avro's schema resolution defines.
"""
import io
import json
import struct

import avro.errors
import avro.io
import avro.schema
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

from credence_avro import SCHEMAS, canonical_form, schema_text, with_defaults

MAGIC = 0
HEADER_LENGTH = 5
_SUBJECT_NOT_FOUND = 40401
_SCHEMA_NOT_FOUND = 40403


def subject(topic: str) -> str:
    """The subject of topic's values under the topic-name strategy."""
    return topic + "-value"


def frame(schema_id: int, body: bytes) -> bytes:
    """The Confluent wire format of an Avro body written with the registry's schema schema_id."""
    if not 0 <= schema_id <= 0x7FFFFFFF:
        raise ValueError("schema id %r is not a registry id (0 to 2^31-1)" % (schema_id,))
    return struct.pack(">BI", MAGIC, schema_id) + body


def parse_frame(data: bytes):
    """The schema id and the Avro body of a payload in the Confluent wire format; ValueError saying why otherwise."""
    if data is None:
        raise ValueError("the payload is null; expected the Confluent wire format (0, 4-byte schema id, Avro body)")
    if len(data) < HEADER_LENGTH:
        raise ValueError("the payload has %d bytes, fewer than the %d-byte Confluent wire-format header"
                         " (0, 4-byte schema id)" % (len(data), HEADER_LENGTH))
    if data[0] != MAGIC:
        if data[:2] == b"\xc3\x01":
            why = "it is Avro single-object encoding (C3 01): its producer does not use the schema registry"
        elif data[0] == 1:
            why = "magic byte 1 frames a schema GUID, which Credence does not resolve: use schema ids"
        else:
            why = "the Confluent wire format starts with magic byte 0"
        raise ValueError("the payload starts with byte %02X: %s" % (data[0], why))
    return struct.unpack(">I", data[1:HEADER_LENGTH])[0], data[HEADER_LENGTH:]


def registry_client(url: str, basic_auth: str = None, bearer_token: str = None, ca_location: str = None):
    """A SchemaRegistryClient of the registry at url: basic_auth is "user:password"; bearer_token is sent as
    "Authorization: Bearer ..." (python3-confluent-kafka 1.7 has no setting for it, so it is set on its HTTP session);
    ca_location is a CA bundle to trust (https)."""
    conf = {"url": url}
    if basic_auth:
        conf["basic.auth.user.info"] = basic_auth
    if ca_location:
        conf["ssl.ca.location"] = ca_location
    client = SchemaRegistryClient(conf)
    if bearer_token:
        client._rest_client.session.headers["Authorization"] = "Bearer " + bearer_token
    return client


def _is_avro(registered_schema) -> bool:
    return (registered_schema.schema_type or "AVRO") == "AVRO"


class ConfluentWire:
    """Encoder and decoder of one Credence record type on one topic in the Confluent wire format.

    client: a confluent_kafka.schema_registry.SchemaRegistryClient (or anything with its get_latest_version,
    get_versions, get_version, register_schema and get_schema methods); topic: the topic, whose subject is
    <topic>-value; name: the record type, whose .avsc file in directory is this client's schema (the writer schema of
    what it encodes, the reader schema of what it decodes)."""

    def __init__(self, client, topic, name, directory=SCHEMAS, auto_register=False):
        self.client = client
        self.topic = topic
        self.subject = subject(topic)
        self.name = name
        self.text = schema_text(name, directory)
        self.schema = avro.schema.parse(self.text)
        self.canonical = canonical_form(json.loads(self.text))
        self.auto_register = auto_register
        self._writer = avro.io.DatumWriter(self.schema)
        self._id = None
        self._readers = {}  # schema id -> DatumReader from that writer schema to self.schema

    def schema_id(self) -> int:
        """The id this encoder frames records with, resolved at the first call (see the module's description).

        Raises ValueError when the subject has no version with this schema's canonical form and auto_register is off;
        SchemaRegistryError when the registry refuses a registration or fails."""
        if self._id is None:
            self._id = self._find_registered()
            if self._id is None:
                if not self.auto_register:
                    raise ValueError(
                        "no version under subject %s has the schema of %s in %s.avsc: register Credence's schemas"
                        " (credence topics --serde-format registry --registry-url URL) or allow auto-registration"
                        % (self.subject, self.schema.fullname, self.name))
                self._id = self.client.register_schema(self.subject, Schema(self.text, "AVRO"))
        return self._id

    def _find_registered(self):
        try:
            latest = self.client.get_latest_version(self.subject)
        except SchemaRegistryError as e:
            if e.error_code == _SUBJECT_NOT_FOUND or e.http_status_code == 404:
                return None
            raise
        if self._matches(latest):
            return latest.schema_id
        for version in sorted(self.client.get_versions(self.subject), reverse=True):  # then the older ones, newest first
            if version < latest.version:
                registered = self.client.get_version(self.subject, version)
                if self._matches(registered):
                    return registered.schema_id
        return None

    def _matches(self, registered) -> bool:
        return _is_avro(registered.schema) and canonical_form(json.loads(registered.schema.schema_str)) == self.canonical

    def encode(self, value: dict) -> bytes:
        """The record's frame; top-level fields left out take their schema defaults (python-avro fills in none)."""
        schema_id = self.schema_id()
        out = io.BytesIO()
        self._writer.write(with_defaults(self.schema, value), avro.io.BinaryEncoder(out))
        return frame(schema_id, out.getvalue())

    def decode(self, data: bytes) -> dict:
        """The record of a frame, read with its writer schema from the registry and resolved to this client's schema.

        Raises ValueError when the frame is malformed, the registry does not have its schema id, or that schema cannot
        be resolved to this client's."""
        schema_id, body = parse_frame(data)
        reader = self._readers.get(schema_id)
        if reader is None:
            try:
                registered = self.client.get_schema(schema_id)
            except SchemaRegistryError as e:
                if e.error_code == _SCHEMA_NOT_FOUND or e.http_status_code == 404:
                    raise ValueError("%s payload names schema id %d, which the schema registry does not have"
                                     % (self.name, schema_id)) from e
                raise
            if not _is_avro(registered):
                raise ValueError("schema id %d is a %s schema, not Avro" % (schema_id, registered.schema_type))
            reader = avro.io.DatumReader(avro.schema.parse(registered.schema_str), self.schema)
            self._readers[schema_id] = reader
        try:
            return reader.read(avro.io.BinaryDecoder(io.BytesIO(body)))
        except avro.errors.SchemaResolutionException as e:
            raise ValueError("%s payload was written with schema id %d, which %s.avsc cannot read: %s"
                             % (self.name, schema_id, self.name, e)) from e
