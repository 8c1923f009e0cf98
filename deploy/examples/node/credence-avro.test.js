'use strict';
// node --test: the CRC-64-AVRO fingerprints and the encoding agree with the Java side (Avro's SchemaNormalization).
const test = require('node:test');
const assert = require('node:assert');
const avro = require('avsc');
const { crc64Avro, singleObject, load } = require('./credence-avro');

test('CRC-64-AVRO matches the Avro specification and Java', () => {
  assert.strictEqual(crc64Avro('"int"'), 0x7275d51a3f395c8fn);
  assert.strictEqual(crc64Avro('"string"'), 0x8f014872634503c7n);
});

test('the canonical form drops docs and logical types, as Java does', () => {
  const type = avro.Type.forSchema({
    type: 'record', name: 'A', namespace: 'x', doc: 'ignored',
    fields: [{ name: 't', type: { type: 'long', logicalType: 'timestamp-millis' } }],
  });
  assert.strictEqual(singleObject(type).fingerprint, 0xdd6b1d2c6b295765n);
});

test('a LabeledRecord round-trips and refuses another type', () => {
  const labeled = load('LabeledRecord');
  const record = { modelId: 'm', recordId: null, features: [1.5], label: 0.3, eventTime: 1700000000000, weight: null };
  const bytes = labeled.encode(record);
  assert.deepStrictEqual([bytes[0], bytes[1]], [0xc3, 0x01]);
  assert.deepStrictEqual({ ...labeled.decode(bytes) }, record);
  assert.throws(() => load('Prediction').decode(bytes), /schema fingerprint/);
});

test('64-bit longs beyond 2^53 decode as BigInt, smaller ones as numbers', () => {
  const prediction = load('Prediction');
  const value = {
    modelId: 'm', requestId: 'r', modelVersion: 3, mean: 0.1, std: 0.2, epistemicStd: 0.1, aleatoricStd: 0.1,
    intervalLevel: 0.9, lower: -1, upper: 1, quantiles: [], classProbabilities: null, predictedClass: null,
    entropy: null, mutualInformation: null, samples: 100, seed: -7046029254386353131n, eventTime: 1700000000000,
    scoredAt: 1700000000001,
  };
  const back = prediction.decode(prediction.encode(value));
  assert.strictEqual(back.seed, -7046029254386353131n);
  assert.strictEqual(back.modelVersion, 3);
  assert.strictEqual(back.eventTime, 1700000000000);
});
