'use strict';
// A Credence client in Node.js (kafkajs + avsc), using nothing of the Java code but the .avsc files:
//   1. produces LabeledRecords (y = sin x + noise, x in [-3, 3]) for model MODEL to labeled-records,
//   2. produces FeatureRecords for a few x to feature-records (the scorer holds them until the model's first snapshot),
//   3. reads their Predictions from predictions (read_committed) and prints them.
// Exits 0 when every prediction arrived within TIMEOUT_MS (all steps together), 1 otherwise.
//
// Environment: BOOTSTRAP (default localhost:9092), MODEL (default node-sin), RECORDS (default 640),
//              TIMEOUT_MS (default 120000), CREDENCE_SCHEMAS (default ../../../schemas/src/main/avro).
// Kafka security (SASL/SSL): extend the `new Kafka({...})` options below (ssl, sasl), as kafkajs documents.
// The trainer's default spec must have 1 feature (the compose file's and the apps' default).

const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { load } = require('./credence-avro');
const { random, gaussian } = require('./seeded');

const BOOTSTRAP = (process.env.BOOTSTRAP || 'localhost:9092').split(',');
const MODEL = process.env.MODEL || 'node-sin';
const RECORDS = Number(process.env.RECORDS || 640);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 120000);
const QUERY_X = [-2, -1, 0, 1, 2];

const labeled = load('LabeledRecord');
const features = load('FeatureRecord');
const prediction = load('Prediction');

async function main() {
  const kafka = new Kafka({ clientId: 'credence-node-client', brokers: BOOTSTRAP, logLevel: logLevel.WARN });
  const runId = `node-${Date.now().toString(36)}`;
  const pending = new Map(QUERY_X.map((x, i) => [`${runId}-${i}`, x]));

  const consumer = kafka.consumer({ groupId: runId, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic: 'predictions', fromBeginning: false });
  // Start reading only once the group owns the partitions, so no prediction slips past before the consumer is at
  // the end of the topic. The listener goes on before run(), which may join at once.
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  let done;
  const allArrived = new Promise((resolve) => { done = resolve; });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const p = prediction.decode(message.value);
      if (p.modelId !== MODEL || !pending.has(p.requestId)) return;
      const x = pending.get(p.requestId);
      pending.delete(p.requestId);
      console.log(`x=${x.toFixed(1)}  mean=${p.mean.toFixed(3)}  90% [${p.lower.toFixed(3)}, ${p.upper.toFixed(3)}]  ` +
        `epistemic std=${p.epistemicStd.toFixed(3)}  (sin x=${Math.sin(x).toFixed(3)}, model version ${p.modelVersion})`);
      if (pending.size === 0) done();
    },
  });
  const deadline = Date.now() + TIMEOUT_MS;
  const timeout = (what) => new Promise((resolve, reject) =>
    setTimeout(() => reject(new Error(`${what} within ${TIMEOUT_MS} ms`)), Math.max(0, deadline - Date.now())));
  await Promise.race([joined, timeout('the consumer did not join its group')]);

  // kafkajs' default partitioner hashes keys as the Java client does (murmur2).
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const rand = random(7);
  const now = Date.now();
  const records = [];
  for (let i = 0; i < RECORDS; i++) {
    const x = -3 + 6 * rand();
    records.push({
      key: MODEL,
      value: labeled.encode({
        modelId: MODEL, recordId: `${runId}-r${i}`, features: [x], label: Math.sin(x) + 0.1 * gaussian(rand),
        eventTime: now, weight: null,
      }),
    });
  }
  await producer.send({ topic: 'labeled-records', messages: records });
  console.log(`sent ${RECORDS} labeled records of model ${MODEL}`);
  await producer.send({
    topic: 'feature-records',
    messages: [...pending.entries()].map(([requestId, x]) => ({
      key: MODEL,
      value: features.encode({ modelId: MODEL, requestId, features: [x], eventTime: Date.now(), samples: null }),
    })),
  });
  console.log(`sent ${QUERY_X.length} feature records; waiting for predictions...`);

  try {
    await Promise.race([allArrived, timeout(`${pending.size} of ${QUERY_X.length} predictions did not arrive`)]);
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
  console.log(`all ${QUERY_X.length} predictions received`);
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
