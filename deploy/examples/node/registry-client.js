'use strict';
// A Credence client in registry mode, on Confluent's own Node.js client (@confluentinc/schemaregistry: its
// SchemaRegistryClient, AvroSerializer and AvroDeserializer) and kafkajs, using nothing of the Java code:
//   1. produces LabeledRecords (y = sin x + noise, x in [-3, 3]) for model MODEL to labeled-records,
//   2. produces FeatureRecords for a few x to feature-records (the scorer holds them until the model's first snapshot),
//   3. reads their Predictions from predictions (read_committed), deserializes and prints them,
//   4. sends a LabeledRecord whose frame names a schema id the registry does not have (UNKNOWN_ID) and reads its
//      dead letter (WRONG_SCHEMA, the original bytes) from stream-trainer.dlq,
//   5. tries to register an incompatible LabeledRecord (a new field without a default) under labeled-records-value
//      and expects the registry to refuse it (HTTP 409).
// Exits 0 when all of it happened within TIMEOUT_MS (all steps together), 1 otherwise.
//
// Values are in the Confluent wire format (0, the schema's 4-byte id, the Avro body) under the topic-name strategy
// (<topic>-value), as the apps run with --serde-format registry. The serializer does not register schemas
// (autoRegisterSchemas: false) but writes with the latest version of each subject (useLatestVersion: true):
// `credence topics --registry-url` registered every kept version of Credence's schemas, oldest first, with their named
// types inlined, exactly as the apps read them, so the registry's latest version is Credence's current schema. The
// client checks that it equals the .avsc of CREDENCE_SCHEMAS before sending anything. Registering the .avsc itself
// would work too (they are self-contained), but then a client and the apps could disagree on a schema unnoticed.
//
// avsc (which Confluent's client uses underneath) gets two options through the serde configuration: Avro longs are
// numbers while exact and BigInt beyond 2^53 (the prediction's 64-bit sample-bank seed, which avsc's default long
// refuses), and timestamp-millis (eventTime, scoredAt, time) are JavaScript Dates.
//
// Environment: BOOTSTRAP (default localhost:9092), REGISTRY_URL (default http://localhost:8081),
//              MODEL (default node-registry-sin), RECORDS (default 640), TIMEOUT_MS (default 120000),
//              UNKNOWN_ID (default 999999), CREDENCE_SCHEMAS (default ../../../schemas/src/main/avro).
// Kafka security (SASL/SSL): extend the `new Kafka({...})` options below (ssl, sasl), as kafkajs documents; registry
// authentication: basicAuthCredentials or bearerAuthCredentials in the `new SchemaRegistryClient({...})` options.
// The trainer's default spec must have 1 feature (the compose file's and the apps' default).

const avro = require('avsc');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType, SubjectNameStrategyType, RestError,
} = require('@confluentinc/schemaregistry');
const { LONG, schemaOf } = require('./credence-avro');
const { random, gaussian } = require('./seeded');

const BOOTSTRAP = (process.env.BOOTSTRAP || 'localhost:9092').split(',');
const REGISTRY_URL = process.env.REGISTRY_URL || 'http://localhost:8081';
const MODEL = process.env.MODEL || 'node-registry-sin';
const RECORDS = Number(process.env.RECORDS || 640);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 120000);
const UNKNOWN_ID = Number(process.env.UNKNOWN_ID || 999999);
const QUERY_X = [-2, -1, 0, 1, 2];
const DLQ = 'stream-trainer.dlq';

/** timestamp-millis as a JavaScript Date (avsc's documented logical-type pattern). */
class TimestampMillis extends avro.types.LogicalType {
  _fromValue(millis) {
    return new Date(Number(millis));
  }

  _toValue(date) {
    return date instanceof Date ? date.getTime() : undefined;
  }

  _resolve(type) {
    if (avro.Type.isType(type, 'long', 'logical:timestamp-millis')) return this._fromValue;
    return undefined;
  }
}

/**
 * The avsc options every serde gets: plain longs through credence-avro's LONG (a type hook, not a registry entry,
 * since Confluent's client parses each schema with its own options), timestamp-millis as Dates.
 */
function avscOptions() {
  return {
    typeHook: (schema) => (schema === 'long' || (schema && schema.type === 'long' && !schema.logicalType) ? LONG : undefined),
    logicalTypes: { 'timestamp-millis': TimestampMillis },
  };
}

/** Serializer and deserializer configurations: topic-name strategy, schemas registered by `credence topics`. */
function serdeConfigs() {
  const common = { ...avscOptions(), subjectNameStrategyType: SubjectNameStrategyType.TOPIC };
  return { serializer: { ...common, autoRegisterSchemas: false, useLatestVersion: true }, deserializer: common };
}

/** A Confluent wire-format frame naming schema `id` around the body of `framed` (another frame). */
function reframe(framed, id) {
  const copy = Buffer.from(framed);
  copy.writeInt32BE(id, 1);
  return copy;
}

/**
 * Whether the schema text `registered` is the schema `file` (its JSON), once both are parsed: names, fields, types,
 * logical types, docs and defaults alike; whitespace, key order and how names are qualified aside.
 */
function sameSchema(registered, file) {
  const normal = (schema) => JSON.stringify(avro.Type.forSchema(schema, avscOptions()).getSchema({ exportAttrs: true }));
  return normal(JSON.parse(registered)) === normal(file);
}

async function main() {
  const registry = new SchemaRegistryClient({ baseURLs: [REGISTRY_URL] });
  const configs = serdeConfigs();
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, configs.serializer);
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, configs.deserializer);

  // The subjects' latest versions are the schemas the serializer writes with: they must be Credence's.
  const subjects = { 'labeled-records': 'LabeledRecord', 'feature-records': 'FeatureRecord', predictions: 'Prediction', [DLQ]: 'DeadLetter' };
  const ids = {};
  for (const [topic, record] of Object.entries(subjects)) {
    const latest = await registry.getLatestSchemaMetadata(`${topic}-value`);
    if (!sameSchema(latest.schema, schemaOf(record))) {
      throw new Error(`the latest schema under ${topic}-value (id ${latest.id}) is not ${record}.avsc`);
    }
    ids[topic] = latest.id;
  }
  console.log(`registry at ${REGISTRY_URL}: the latest schemas of ${Object.keys(subjects).join(', ')} are Credence's ` +
    `(ids ${Object.values(ids).join(', ')})`);

  const kafka = new Kafka({ clientId: 'credence-node-registry-client', brokers: BOOTSTRAP, logLevel: logLevel.WARN });
  const runId = `node-registry-${Date.now().toString(36)}`;
  const pending = new Map(QUERY_X.map((x, i) => [`${runId}-${i}`, x]));
  const badKey = `${runId}-unknown-id`;

  const consumer = kafka.consumer({ groupId: runId, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: ['predictions', DLQ], fromBeginning: false });
  // Start reading only once the group owns the partitions, so no record slips past before the consumer is at the end
  // of the topics. The listener goes on before run(), which may join at once.
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  let predictionsDone;
  const allArrived = new Promise((resolve) => { predictionsDone = resolve; });
  let letterDone;
  const letterArrived = new Promise((resolve) => { letterDone = resolve; });
  let failed;
  const failure = new Promise((resolve, reject) => { failed = reject; });
  failure.catch(() => {}); // raced below; never an unhandled rejection
  let badValue = null;
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      try {
        if (topic === 'predictions') {
          const p = await deserializer.deserialize(topic, message.value);
          if (p.modelId !== MODEL || !pending.has(p.requestId)) return;
          const x = pending.get(p.requestId);
          pending.delete(p.requestId);
          console.log(`x=${x.toFixed(1)}  mean=${p.mean.toFixed(3)}  90% [${p.lower.toFixed(3)}, ${p.upper.toFixed(3)}]  ` +
            `epistemic std=${p.epistemicStd.toFixed(3)}  (sin x=${Math.sin(x).toFixed(3)}, model version ${p.modelVersion}, ` +
            `scored at ${p.scoredAt.toISOString()})`);
          if (!(p.eventTime instanceof Date) || !(p.scoredAt instanceof Date) || !['number', 'bigint'].includes(typeof p.seed)) {
            throw new Error(`a prediction's eventTime, scoredAt or seed did not decode as a Date, Date, number: ${p.eventTime}, ${p.scoredAt}, ${p.seed}`);
          }
          if (pending.size === 0) predictionsDone();
        } else if (message.key && message.key.toString() === badKey) {
          const letter = await deserializer.deserialize(topic, message.value);
          if (letter.errorClass !== 'WRONG_SCHEMA') {
            throw new Error(`the dead letter's errorClass is ${letter.errorClass}, not WRONG_SCHEMA: ${letter.reason}`);
          }
          if (!badValue || !Buffer.isBuffer(letter.value) || !letter.value.equals(badValue)) {
            throw new Error('the dead letter does not carry the bytes sent');
          }
          if (letter.sourceTopic !== 'labeled-records' || !(letter.time instanceof Date)) {
            throw new Error(`the dead letter names topic ${letter.sourceTopic} and time ${letter.time}`);
          }
          console.log(`dead letter on ${DLQ}: ${letter.errorClass} (unknown schema id ${UNKNOWN_ID})`);
          console.log(`  reason: ${letter.reason}`);
          letterDone();
        }
      } catch (e) {
        failed(e);
      }
    },
  });
  const deadline = Date.now() + TIMEOUT_MS;
  const timeout = (what) => new Promise((resolve, reject) =>
    setTimeout(() => reject(new Error(`${what} within ${TIMEOUT_MS} ms`)), Math.max(0, deadline - Date.now())));
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await Promise.race([joined, failure, timeout('the consumer did not join its group')]);

    // kafkajs' default partitioner hashes keys as the Java client does (murmur2).
    await producer.connect();
    const rand = random(7);
    const now = new Date();
    const records = [];
    for (let i = 0; i < RECORDS; i++) {
      const x = -3 + 6 * rand();
      const value = await serializer.serialize('labeled-records', {
        modelId: MODEL, recordId: `${runId}-r${i}`, features: [x], label: Math.sin(x) + 0.1 * gaussian(rand),
        eventTime: now, weight: null,
      });
      records.push({ key: MODEL, value });
    }
    await producer.send({ topic: 'labeled-records', messages: records });
    console.log(`sent ${RECORDS} labeled records of model ${MODEL} (Confluent AvroSerializer, schema id ` +
      `${records[0].value.readInt32BE(1)} under labeled-records-value)`);

    const features = [];
    for (const [requestId, x] of pending.entries()) {
      const value = await serializer.serialize('feature-records',
        { modelId: MODEL, requestId, features: [x], eventTime: new Date(), samples: null, includeDraws: false });
      features.push({ key: MODEL, value });
    }
    await producer.send({ topic: 'feature-records', messages: features });
    console.log(`sent ${QUERY_X.length} feature records (schema id ${features[0].value.readInt32BE(1)} under ` +
      `feature-records-value); waiting for predictions...`);
    await Promise.race([allArrived, failure, timeout(`${pending.size} of ${QUERY_X.length} predictions did not arrive`)]);
    console.log(`all ${QUERY_X.length} predictions deserialized by Confluent's AvroDeserializer`);

    // A valid LabeledRecord body in a frame that names a schema id the registry does not have.
    try {
      await registry.getBySubjectAndId('labeled-records-value', UNKNOWN_ID);
      throw new Error(`the registry has schema id ${UNKNOWN_ID}: set UNKNOWN_ID to one it does not have`);
    } catch (e) {
      if (!(e instanceof RestError) || e.status !== 404) throw e;
    }
    badValue = reframe(await serializer.serialize('labeled-records', {
      modelId: MODEL, recordId: badKey, features: [0.5], label: Math.sin(0.5), eventTime: new Date(), weight: null,
    }), UNKNOWN_ID);
    await producer.send({ topic: 'labeled-records', messages: [{ key: badKey, value: badValue }] });
    console.log(`sent a labeled record framed with unknown schema id ${UNKNOWN_ID}; waiting for its dead letter...`);
    await Promise.race([letterArrived, failure, timeout(`no dead letter on ${DLQ} for the unknown schema id`)]);

    // An incompatible next version of LabeledRecord: a new field without a default cannot read the records written
    // with the current version, which BACKWARD (the registry's default) forbids.
    const current = schemaOf('LabeledRecord');
    const incompatible = { ...current, fields: [...current.fields, { name: 'source', type: 'string', doc: 'No default.' }] };
    const versions = await registry.getAllVersions('labeled-records-value');
    try {
      const id = await registry.register('labeled-records-value', { schemaType: 'AVRO', schema: JSON.stringify(incompatible) });
      throw new Error(`the registry accepted an incompatible LabeledRecord as schema id ${id}`);
    } catch (e) {
      if (!(e instanceof RestError) || e.status !== 409) throw e;
      console.log(`incompatible schema refused by the registry: HTTP ${e.status}: ${e.message}`);
    }
    const after = await registry.getAllVersions('labeled-records-value');
    if (JSON.stringify(after) !== JSON.stringify(versions)) {
      throw new Error(`labeled-records-value had versions ${versions}, now ${after}`);
    }
    console.log(`labeled-records-value keeps versions [${after.join(', ')}]`);
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
  console.log(`all ${QUERY_X.length} predictions, the dead letter and the refusal received`);
  return 0;
}

if (require.main === module) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
  });
}

module.exports = { avscOptions, serdeConfigs, reframe, sameSchema };
