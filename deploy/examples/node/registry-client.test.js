'use strict';
// node --test: registry-client.js's serde configuration on Confluent's AvroSerializer and AvroDeserializer, against
// the package's own in-memory MockClient (no registry, no broker): Credence's schemas with logical types, unions and
// 64-bit longs round-trip in the Confluent wire format.
const test = require('node:test');
const assert = require('node:assert');
const { MockClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');
const { load, schemaOf } = require('./credence-avro');
const { serdeConfigs, reframe, sameSchema } = require('./registry-client');

async function registered(topic, record) {
  const client = new MockClient({ baseURLs: ['mock://'] });
  const schema = JSON.stringify(schemaOf(record));
  const id = await client.register(`${topic}-value`, { schemaType: 'AVRO', schema });
  const configs = serdeConfigs();
  return {
    id,
    schema,
    serializer: new AvroSerializer(client, SerdeType.VALUE, configs.serializer),
    deserializer: new AvroDeserializer(client, SerdeType.VALUE, configs.deserializer),
  };
}

test('a Prediction round-trips: Dates for timestamp-millis, BigInt for a seed beyond 2^53, unwrapped unions', async () => {
  const { id, serializer, deserializer } = await registered('predictions', 'Prediction');
  const value = {
    modelId: 'm', requestId: 'r', modelVersion: 3, mean: 0.1, std: 0.2, epistemicStd: 0.1, aleatoricStd: 0.1,
    intervalLevel: 0.9, lower: -1, upper: 1, quantiles: [{ level: 0.5, value: 0.1 }], classProbabilities: null,
    predictedClass: 2, entropy: null, mutualInformation: null, samples: 100, seed: -7046029254386353131n,
    eventTime: new Date(1700000000000), scoredAt: new Date(1700000000001), draws: null,
  };
  const bytes = await serializer.serialize('predictions', value);
  assert.strictEqual(bytes[0], 0);
  assert.strictEqual(bytes.readInt32BE(1), id);
  const back = await deserializer.deserialize('predictions', bytes);
  assert.strictEqual(back.seed, -7046029254386353131n);
  assert.strictEqual(back.modelVersion, 3);
  assert.strictEqual(back.predictedClass, 2);
  assert.deepStrictEqual(back.eventTime, new Date(1700000000000));
  assert.deepStrictEqual(back.scoredAt, new Date(1700000000001));
});

test('a DeadLetter carries its bytes as a Buffer', async () => {
  const { serializer, deserializer } = await registered('stream-trainer.dlq', 'DeadLetter');
  const letter = {
    app: 'stream-trainer', sourceTopic: 'labeled-records', partition: 0, offset: 42, errorClass: 'WRONG_SCHEMA',
    reason: 'unknown id', key: Buffer.from('k'), value: Buffer.from([0, 0, 15, 66, 63, 1]), time: new Date(1700000000000),
  };
  const back = await deserializer.deserialize('stream-trainer.dlq', await serializer.serialize('stream-trainer.dlq', letter));
  assert.deepStrictEqual(back.value, letter.value);
  assert.strictEqual(back.offset, 42);
  assert.deepStrictEqual(back.time, letter.time);
});

test('a frame reframed with an unknown id is refused by the deserializer', async () => {
  const { serializer, deserializer, schema } = await registered('labeled-records', 'LabeledRecord');
  const bytes = await serializer.serialize('labeled-records',
    { modelId: 'm', recordId: null, features: [1.5], label: 0.3, eventTime: new Date(), weight: null });
  const bad = reframe(bytes, 999999);
  assert.strictEqual(bad.readInt32BE(1), 999999);
  assert.deepStrictEqual(bad.subarray(5), bytes.subarray(5));
  await assert.rejects(deserializer.deserialize('labeled-records', bad));
  assert.ok(sameSchema(schema, schemaOf('LabeledRecord')));
  assert.ok(!sameSchema(schema, schemaOf('FeatureRecord')));
});

test('the Avro body of a LabeledRecord is the single-object client\'s, which the Java codecs read', async () => {
  const { serializer } = await registered('labeled-records', 'LabeledRecord');
  const record = { modelId: 'm', recordId: 'r1', features: [1.5, -0.25], label: 0.3, eventTime: 1700000000000, weight: 2 };
  const framed = await serializer.serialize('labeled-records', { ...record, eventTime: new Date(record.eventTime) });
  assert.deepStrictEqual(framed.subarray(5), load('LabeledRecord').encode(record).subarray(10));
});
