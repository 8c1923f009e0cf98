package io.credence.cli.deploy;

import io.credence.cli.deploy.KubernetesManifests.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment artefacts, checked the way an operator would use them: the compose file validates (every variable,
 * every profile), the Kubernetes kustomization renders with kubectl, the Jib image configuration builds to a tar, and
 * the Node.js client gets predictions back from the real apps on an embedded broker. Each check runs its script from
 * {@code deploy/}; a check whose tool is missing (docker-compose, kubectl, node) is skipped with the reason, and .ci/run
 * installs the tools.
 */
class DeployChecksIT {
    @Test
    void composeFileIsValidWithAndWithoutTheDemoProfile() throws Exception {
        assumeTrue(DeployScript.onPath("docker-compose"), "docker-compose is not installed (apt-get install -y docker-compose)");
        DeployScript r = DeployScript.run(120, Map.of(), "deploy/check-compose.sh");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("is valid (services: demo kafka stream-scorer stream-trainer topics");
    }

    @Test
    void kubernetesManifestsRenderWithKubectlKustomize() throws Exception {
        assumeTrue(DeployScript.onPath("kubectl"), "kubectl is not installed (apt-get install -y kubernetes-client)");
        Path rendered = DeployScript.ROOT.resolve("cli/target/k8s-rendered.yaml");
        DeployScript r = DeployScript.run(120, Map.of(), "deploy/check-k8s.sh", rendered.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("kustomize renders");
        // What `kubectl apply -k deploy/k8s` would send: exactly the manifests as written (the example Secret left
        // out), each still of the strict typed model, with the image the kustomization names.
        List<HasMetadata> sent = KubernetesManifests.read("kubectl kustomize", Files.readString(rendered)).stream()
                .map(Resource::object).toList();
        List<HasMetadata> written = KubernetesManifests.all().stream().map(Resource::object)
                .filter(o -> !(o instanceof Secret)).toList();
        written.forEach(o -> KubernetesManifests.template(o).ifPresent(t -> t.getSpec().getContainers()
                .forEach(c -> c.setImage(c.getImage().equals("credence") ? "credence:latest" : c.getImage()))));
        assertThat(sent).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void imageBuildsToATar() throws Exception {
        DeployScript r = DeployScript.run(480, Map.of(), "deploy/check-images.sh");
        assertThat(r.exit()).as(r.output()).isZero();
        // Either the runnable image (registry reachable) or, offline, the same configuration on scratch.
        assertThat(Files.exists(DeployScript.ROOT.resolve("cli/target/credence-image.tar"))
                || Files.exists(DeployScript.ROOT.resolve("cli/target/credence-image-scratch.tar"))).as(r.output()).isTrue();
    }

    @Test
    void nodeClientGetsPredictionsBack() throws Exception {
        assumeTrue(DeployScript.onPath("node") && DeployScript.onPath("npm"), "Node.js and npm are not installed");
        DeployScript r = DeployScript.run(420, Map.of(), "deploy/examples/node/run-against-embedded.sh");
        assertThat(r.exit()).as(r.output()).isZero();
    }
}
