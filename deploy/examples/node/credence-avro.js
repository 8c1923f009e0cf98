'use strict';
// Avro single-object encoding, as every Credence topic uses it:
//   0xC3 0x01 | 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form | Avro binary body.
// avsc writes the canonical form (type.getSchema()) but has no CRC-64-AVRO digest, so it is computed here, as the Avro
// specification defines it.

const fs = require('fs');
const path = require('path');
const avro = require('avsc');

const EMPTY = 0xc15d213aa4d7a795n;
const MASK = 0xffffffffffffffffn;
const TABLE = (() => {
  const table = new Array(256);
  for (let i = 0; i < 256; i++) {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) {
      fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n) & MASK);
    }
    table[i] = fp;
  }
  return table;
})();

/** CRC-64-AVRO of a string's UTF-8 bytes, as an unsigned 64-bit BigInt. */
function crc64Avro(text) {
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) {
    fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  }
  return fp;
}

/** The 10-byte single-object header of an avsc type. */
function header(type) {
  const buf = Buffer.alloc(10);
  buf[0] = 0xc3;
  buf[1] = 0x01;
  buf.writeBigUInt64LE(crc64Avro(JSON.stringify(type.getSchema())), 2);
  return buf;
}

/**
 * Avro longs as JavaScript numbers while they are exact (timestamps, versions) and as BigInt beyond 2^53 (the
 * prediction's 64-bit sample-bank seed), where avsc's default long type refuses to decode.
 */
const LONG = avro.types.LongType.__with({
  fromBuffer: (buf) => {
    const n = buf.readBigInt64LE();
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  },
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (n) => n,
  toJSON: (n) => (typeof n === 'bigint' ? n.toString() : n),
  isValid: (n) => typeof n === 'bigint' || Number.isSafeInteger(n),
  compare: (a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0),
});

/** Encoder and decoder of one record type in single-object encoding. */
function singleObject(type) {
  const head = header(type);
  return {
    type,
    fingerprint: head.readBigUInt64LE(2),
    encode(value) {
      return Buffer.concat([head, type.toBuffer(value)]);
    },
    decode(buf) {
      if (buf.length < 10 || buf[0] !== 0xc3 || buf[1] !== 0x01) {
        throw new Error('not Avro single-object encoding (no C3 01 marker)');
      }
      if (!buf.subarray(2, 10).equals(head.subarray(2, 10))) {
        throw new Error(`schema fingerprint 0x${buf.readBigUInt64LE(2).toString(16)} is not ${type.name}'s ` +
          `0x${head.readBigUInt64LE(2).toString(16)}`);
      }
      return type.fromBuffer(buf.subarray(10));
    },
  };
}

/** The JSON of a top-level Credence schema (LabeledRecord, FeatureRecord, Prediction, DeadLetter), as written. */
function schemaOf(name, dir = process.env.CREDENCE_SCHEMAS || path.join(__dirname, '..', '..', '..', 'schemas', 'src', 'main', 'avro')) {
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.avsc`), 'utf8'));
}

/** Loads a top-level Credence schema (LabeledRecord, FeatureRecord, Prediction) from the schemas module. */
function load(name, dir) {
  return singleObject(avro.Type.forSchema(schemaOf(name, dir), { registry: { long: LONG } }));
}

module.exports = { crc64Avro, singleObject, load, schemaOf, LONG };
