package io.credence.cli.deploy;

import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.SchemaFingerprint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python client of {@code deploy/examples/python} (Debian's python3-confluent-kafka and python3-avro, nothing of
 * Credence's code) against the real trainer and scorer on an embedded broker: its single-object fingerprints equal the
 * Java codecs', its spec, labeled records and feature records are taken, its predictions come back and its malformed
 * request comes back from stream-scorer.dlq with the reason and its original bytes. Skipped without those packages;
 * .ci/run installs them.
 */
class PythonClientIT {

    @Test
    void pythonClientPublishesTrainsScoresAndReadsItsDeadLetter() throws Exception {
        assumeTrue(DeployScript.succeeds(List.of("python3", "-c", "import confluent_kafka, avro"))
                        || DeployScript.succeeds(List.of("/usr/bin/python3", "-c", "import confluent_kafka, avro")),
                "no python3 with confluent_kafka and avro (apt-get install python3-confluent-kafka python3-avro)");
        String fingerprints = String.join(",", fingerprint("ModelSpec", AvroCodecs.modelSpec()),
                fingerprint("LabeledRecord", AvroCodecs.labeledRecord()), fingerprint("FeatureRecord", AvroCodecs.featureRecord()),
                fingerprint("Prediction", AvroCodecs.prediction()), fingerprint("DeadLetter", AvroCodecs.deadLetter()));

        DeployScript r = DeployScript.run(420, Map.of("EXPECT_FINGERPRINTS", fingerprints),
                "deploy/examples/python/run-against-embedded.sh");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("single-object fingerprints match the Java codecs'",
                "dead letter on stream-scorer.dlq: FEATURE_COUNT", "all 5 predictions and the dead letter received",
                "run-against-embedded: passed");
    }

    private static String fingerprint(String type, AvroCodec<?> codec) {
        return type + "=" + SchemaFingerprint.hex(codec.fingerprint());
    }
}
