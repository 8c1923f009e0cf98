package io.credence.cli.deploy;

import io.credence.cli.Credence;
import io.credence.cli.deploy.KubernetesManifests.Resource;
import io.credence.schemas.registry.RegistrySettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.micronaut.http.annotation.Controller;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.credence.cli.deploy.KubernetesManifests.DIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kubernetes manifests of {@code deploy/k8s}, checked without a cluster: each parsed into fabric8's typed model
 * with unknown fields refused ({@link KubernetesManifests}), then held to what the apps and the image really do: every
 * environment variable is a setting of the app (its application-*.yml key, a Kafka or registry client property the
 * app passes through, or a variable the image or the CLI reads), probes ask /health on the port the app listens on,
 * the state directory lies on a mounted volume, secrets come from the example Secret only, and Services,
 * PodDisruptionBudgets and StatefulSets select the pods they are meant for. What this cannot check (an API server's
 * admission, scheduling, a real run) is listed in deploy/k8s/README.md.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = DeployScript.ROOT;
    private static final String KAFKA_PASSTHROUGH = "CREDENCE_KAFKA_PROPERTIES_";
    private static final String SERDE_PASSTHROUGH = "CREDENCE_SERDE_PROPERTIES_";
    /** Names of settings that hold secrets: they may only come from the Secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|JAAS|SECRET|TOKEN|CREDENTIAL|USER_INFO|_KEY$");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final String PART_OF = "app.kubernetes.io/part-of";

    /** An app as deploy/k8s runs it: its workload, the credence subcommand, its configuration file. */
    private record App(String name, String kind, String command, Path yml) {}

    private static final App TRAINER = new App("stream-trainer", "StatefulSet", "trainer",
            ROOT.resolve("stream-trainer/src/main/resources/application-trainer.yml"));
    private static final App SCORER = new App("stream-scorer", "Deployment", "scorer",
            ROOT.resolve("stream-scorer/src/main/resources/application-scorer.yml"));

    private static List<Resource> all;
    private static Secret exampleSecret;
    /** Environment variables the image itself sets (Jib's container environment in cli/pom.xml). */
    private static Set<String> imageEnvironment;
    /** The image's JVM flags (Jib's jvmFlags in cli/pom.xml). */
    private static List<String> imageJvmFlags;
    /** Environment variables the credence CLI reads itself (System.getenv in cli/src/main). */
    private static Set<String> cliEnvironment;

    @BeforeAll
    static void read() throws Exception {
        all = KubernetesManifests.all();
        List<Secret> secrets = all.stream().map(Resource::object).filter(Secret.class::isInstance).map(Secret.class::cast).toList();
        assertThat(secrets).as("the example Secret, and no other").hasSize(1);
        exampleSecret = secrets.get(0);
        readImageConfiguration();
        cliEnvironment = cliEnvironment();
    }

    // ---- the manifests as a set ----------------------------------------------------------------------------------

    @Test
    void everyManifestIsOfTheTypedModelAndTheKustomizationListsThemAll() throws IOException {
        assertThat(all.stream().map(Resource::id)).containsExactlyInAnyOrder(
                "ConfigMap/credence-config", "ConfigMap/stream-trainer-config", "Secret/credence-secrets",
                "Job/credence-topics", "Service/stream-trainer", "StatefulSet/stream-trainer",
                "PodDisruptionBudget/stream-trainer", "Service/stream-scorer", "Deployment/stream-scorer",
                "PodDisruptionBudget/stream-scorer");
        for (Resource r : all) {
            assertThat(r.object().getMetadata().getNamespace()).as("%s in %s: namespace-agnostic", r.id(), r.file()).isNull();
            assertThat(r.object().getMetadata().getLabels()).as("%s labels", r.id()).containsEntry(PART_OF, "credence");
        }

        Map<String, Object> kustomization = KubernetesManifests.load(DIR.resolve(KubernetesManifests.KUSTOMIZATION));
        assertThat(kustomization.keySet()).as("kustomization fields (those kubectl 1.20's kustomize knows)")
                .isSubsetOf("apiVersion", "kind", "resources", "images");
        assertThat(kustomization).containsEntry("kind", "Kustomization").doesNotContainKey("namespace");
        List<String> expected = KubernetesManifests.files().stream().map(p -> p.getFileName().toString())
                .filter(f -> !f.equals(KubernetesManifests.SECRET_EXAMPLE)).toList();
        assertThat(asStrings(kustomization.get("resources"))).as("kustomization resources: every manifest but the example Secret")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theStrictReaderRefusesWhatAnApiServerWould() throws IOException {
        String statefulSet = Files.readString(DIR.resolve("stream-trainer.yaml"));
        // A misspelt field at the top of a spec, one deep inside a container, a number where Kubernetes wants a string.
        assertThatThrownBy(() -> KubernetesManifests.read("t", statefulSet.replace("  replicas: 2", "  replica: 2")))
                .hasMessageContaining("replica").hasMessageContaining("StatefulSet");
        assertThatThrownBy(() -> KubernetesManifests.read("t", statefulSet.replace("readinessProbe:", "readinesProbe:")))
                .hasMessageContaining("readinesProbe");
        assertThatThrownBy(() -> KubernetesManifests.read("t", statefulSet.replace("value: \"1\"", "value: 1")))
                .hasMessageContaining("EnvVar");
        String config = Files.readString(DIR.resolve("config.yaml"));
        assertThatThrownBy(() -> KubernetesManifests.read("c", config.replace("CREDENCE_TOPICS_PARTITIONS: \"6\"", "CREDENCE_TOPICS_PARTITIONS: 6")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KubernetesManifests.read("c", config.replace("CREDENCE_TOPICS_PARTITIONS:", "CREDENCE_TOPICS_REPLICATION_FACTOR:")))
                .hasMessageContaining("uplicate");
        assertThatThrownBy(() -> KubernetesManifests.read("c", "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: x}\n"))
                .hasMessageContaining("not a kind");
        // Why the any-setters must go: fabric8's classes otherwise keep an unknown field as an "additional property".
        StatefulSet lenient = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .convertValue(Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "spec", Map.of("replica", 2)), StatefulSet.class);
        assertThat(lenient.getSpec().getAdditionalProperties()).containsKey("replica");
    }

    // ---- environment ---------------------------------------------------------------------------------------------

    @Test
    void everyEnvironmentVariableIsASettingTheAppReads() throws IOException {
        Set<String> trainer = settingNames(TRAINER);
        Set<String> scorer = settingNames(SCORER);
        assertThat(trainer).contains("CREDENCE_KAFKA_BOOTSTRAP_SERVERS", "CREDENCE_TRAINER_DEFAULT_SPEC_FEATURES", "MICRONAUT_SERVER_PORT");
        assertThat(imageEnvironment).contains("JAVA_TOOL_OPTIONS");
        assertThat(cliEnvironment).contains("CREDENCE_BOOTSTRAP", "CREDENCE_SERDE_FORMAT");

        for (App app : List.of(TRAINER, SCORER)) {
            Set<String> allowed = new HashSet<>(app == TRAINER ? trainer : scorer);
            allowed.addAll(imageEnvironment);
            for (String name : environment(appContainer(app)).keySet()) {
                assertThat(isSetting(name, allowed)).as("%s: %s is not a key of %s, a Kafka or registry client property, or a "
                        + "variable of the image %s", app.name(), name, app.yml().getFileName(), imageEnvironment).isTrue();
            }
        }
        // The Job runs `credence topics`: the CLI's own variables, and the settings both apps share (credence-config).
        Set<String> job = new HashSet<>(trainer);
        job.retainAll(scorer);
        job.addAll(imageEnvironment);
        job.addAll(cliEnvironment);
        for (String name : environment(jobContainer()).keySet()) {
            assertThat(isSetting(name, job)).as("credence-topics: %s is read by neither the CLI nor the image", name).isTrue();
        }
        // The Secret's keys are named after the variables they become.
        for (String key : secretKeys()) {
            assertThat(isSetting(key, trainer) && isSetting(key, scorer)).as("Secret key %s is a setting of both apps", key).isTrue();
        }
    }

    @Test
    void secretsComeOnlyFromTheExampleSecretByOptionalReference() {
        Set<String> referenced = new TreeSet<>();
        for (Map.Entry<Resource, Container> e : KubernetesManifests.containers(all)) {
            Container c = e.getValue();
            for (EnvVar v : nullToEmpty(c.getEnv())) {
                boolean fromSecret = v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null;
                if (SECRET_NAME.matcher(v.getName()).find()) {
                    assertThat(fromSecret).as("%s in %s: a secret must come from the Secret, not a literal", v.getName(), e.getKey().id()).isTrue();
                }
                if (fromSecret) {
                    SecretKeySelector ref = v.getValueFrom().getSecretKeyRef();
                    assertThat(ref.getName()).as("%s: Secret name", v.getName()).isEqualTo(exampleSecret.getMetadata().getName());
                    assertThat(secretKeys()).as("%s: key of the example Secret", v.getName()).contains(ref.getKey());
                    assertThat(ref.getOptional()).as("%s: optional, so the apps start without the Secret", v.getName()).isTrue();
                    referenced.add(ref.getKey());
                }
            }
            for (EnvFromSource from : nullToEmpty(c.getEnvFrom())) {
                if (from.getSecretRef() != null) {
                    assertThat(from.getSecretRef().getName()).isEqualTo(exampleSecret.getMetadata().getName());
                    referenced.addAll(secretKeys());
                }
            }
        }
        assertThat(referenced).as("every key of the example Secret is used").containsExactlyInAnyOrderElementsOf(secretKeys());
        for (Resource r : all) {
            if (r.object() instanceof ConfigMap cm) {
                assertThat(cm.getData().keySet()).as("%s holds no secret", r.id()).noneMatch(k -> SECRET_NAME.matcher(k).find());
            }
        }
    }

    // ---- probes, ports, services ---------------------------------------------------------------------------------

    @Test
    void probesAskHealthOnThePortTheAppListensOn() throws Exception {
        String prometheusPath = Class.forName("io.credence.app.PrometheusController").getAnnotation(Controller.class).value();
        for (App app : List.of(TRAINER, SCORER)) {
            Container c = appContainer(app);
            int port = appPort(app);
            assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).as("%s container ports", app.name()).contains(port);
            for (Probe probe : new Probe[]{c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe()}) {
                assertThat(probe).as("%s: startup, readiness and liveness probes", app.name()).isNotNull();
                assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
                assertThat(resolvePort(c, probe.getHttpGet().getPort())).as("%s probe port", app.name()).isEqualTo(port);
            }
            // A state restore comes first: give start-up minutes, not the liveness budget.
            Probe startup = c.getStartupProbe();
            assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as("%s start-up allowance, s", app.name()).isGreaterThanOrEqualTo(120);

            Map<String, String> annotations = template(app).getMetadata().getAnnotations();
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(port))
                    .containsEntry("prometheus.io/path", prometheusPath);
        }
    }

    @Test
    void servicesBudgetsAndStatefulSetsSelectTheirOwnPods() {
        List<Resource> workloads = all.stream().filter(r -> r.object() instanceof StatefulSet || r.object() instanceof Deployment).toList();
        for (Resource w : workloads) {
            Map<String, String> selector = w.object() instanceof StatefulSet s ? s.getSpec().getSelector().getMatchLabels()
                    : ((Deployment) w.object()).getSpec().getSelector().getMatchLabels();
            assertThat(KubernetesManifests.template(w.object()).orElseThrow().getMetadata().getLabels())
                    .as("%s selects its own pod template", w.id()).containsAllEntriesOf(selector);
            assertThat(selectedBy(selector, workloads)).as("%s selector matches only its own pods", w.id()).containsExactly(w);
        }
        for (Resource r : all) {
            if (r.object() instanceof Service s) {
                List<Resource> selected = selectedBy(s.getSpec().getSelector(), workloads);
                assertThat(selected).as("%s selects exactly one workload's pods", r.id()).hasSize(1);
                Container c = KubernetesManifests.template(selected.get(0).object()).orElseThrow().getSpec().getContainers().get(0);
                for (ServicePort p : s.getSpec().getPorts()) {
                    assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).as("%s targetPort", r.id())
                            .contains(resolvePort(c, p.getTargetPort()));
                }
            }
            if (r.object() instanceof PodDisruptionBudget pdb) {
                assertThat(pdb.getSpec().getMaxUnavailable()).as(r.id()).isEqualTo(new IntOrString(1));
                assertThat(pdb.getSpec().getMinAvailable()).isNull();
                assertThat(pdb.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
                assertThat(selectedBy(pdb.getSpec().getSelector().getMatchLabels(), workloads)).as("%s covers exactly one workload", r.id())
                        .hasSize(1);
            }
        }
        for (App app : List.of(TRAINER, SCORER)) {
            assertThat(all).as("a PodDisruptionBudget for %s", app.name())
                    .anyMatch(r -> r.object() instanceof PodDisruptionBudget p
                            && selectedBy(p.getSpec().getSelector().getMatchLabels(), workloads).contains(workload(app)));
            Service service = (Service) find("Service", app.name()).object();
            assertThat(resolvePort(appContainer(app), service.getSpec().getPorts().get(0).getTargetPort())).isEqualTo(appPort(app));
        }
        StatefulSet trainer = (StatefulSet) workload(TRAINER).object();
        Service governing = (Service) find("Service", trainer.getSpec().getServiceName()).object();
        assertThat(governing.getSpec().getClusterIP()).as("the StatefulSet's governing Service is headless").isEqualTo("None");
        assertThat(selectedBy(governing.getSpec().getSelector(), workloads)).containsExactly(workload(TRAINER));
        assertThat(((Service) find("Service", SCORER.name()).object()).getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(8081);
    }

    // ---- state, volumes, security --------------------------------------------------------------------------------

    @Test
    void theStateDirectoryLiesInsideAWritableVolume() throws IOException {
        assertThat(String.valueOf(KubernetesManifests.flatten(KubernetesManifests.load(TRAINER.yml())).get("credence.kafka.state-dir")))
                .as("the default state dir is under java.io.tmpdir, so the manifests must set it").startsWith("${java.io.tmpdir}");
        for (App app : List.of(TRAINER, SCORER)) {
            Container c = appContainer(app);
            String stateDir = environment(c).get("CREDENCE_KAFKA_STATE_DIR");
            assertThat(stateDir).as("%s sets CREDENCE_KAFKA_STATE_DIR", app.name()).isNotBlank();
            VolumeMount mount = mountHolding(c, stateDir);
            assertThat(mount).as("%s: %s lies inside a mounted volume (not on the mount point itself)", app.name(), stateDir).isNotNull();
            assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            if (app == TRAINER) {
                StatefulSet s = (StatefulSet) workload(app).object();
                assertThat(s.getSpec().getVolumeClaimTemplates()).as("the trainer's state is on a persistent volume claim per pod")
                        .anyMatch(pvc -> pvc.getMetadata().getName().equals(mount.getName()));
            } else {
                Volume v = volume(workload(app), mount.getName());
                assertThat(v.getEmptyDir()).as("the scorer's state dir is an emptyDir (its stores are in memory)").isNotNull();
            }
        }
    }

    @Test
    void podsRunUnprivilegedAndWriteOnlyToTheirVolumes() {
        for (Map.Entry<Resource, Container> e : KubernetesManifests.containers(all)) {
            PodSpec pod = KubernetesManifests.template(e.getKey().object()).orElseThrow().getSpec();
            Container c = e.getValue();
            assertThat(c.getCommand()).as("%s keeps the image's entrypoint (the credence CLI): args, not command", e.getKey().id()).isNullOrEmpty();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as("%s runAsNonRoot", e.getKey().id()).isTrue();
            assertThat(podSecurity.getRunAsUser()).as("%s runAsUser", e.getKey().id()).isPositive();
            SecurityContext security = c.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getReadOnlyRootFilesystem()).as("%s read-only root filesystem", e.getKey().id()).isTrue();
            // The JVM's java.io.tmpdir (/tmp: RocksDB's native library unpacks there) must be writable.
            VolumeMount m = mountHolding(c, "/tmp/x");
            assertThat(m).as("%s: /tmp is on a writable volume", e.getKey().id()).isNotNull();
            assertThat(volume(e.getKey(), m.getName()).getEmptyDir()).isNotNull();
        }
    }

    // ---- scale-out, resources, shutdown --------------------------------------------------------------------------

    @Test
    void theTrainerKeepsAStandbyReplicaOnAnotherInstance() {
        StatefulSet trainer = (StatefulSet) workload(TRAINER).object();
        String standbys = environment(appContainer(TRAINER)).get(KAFKA_PASSTHROUGH + "NUM_STANDBY_REPLICAS");
        assertThat(standbys).as("num.standby.replicas of the trainer").isNotNull();
        assertThat(Integer.parseInt(standbys)).isGreaterThanOrEqualTo(1);
        assertThat(trainer.getSpec().getReplicas()).as("an instance for each copy of a task").isGreaterThan(Integer.parseInt(standbys));
        assertThat(trainer.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    }

    @Test
    void memoryLimitsCoverTheJvmSettingsAndShutdownFitsTheGracePeriod() throws Exception {
        for (App app : List.of(TRAINER, SCORER)) {
            Container c = appContainer(app);
            String options = environment(c).getOrDefault("JAVA_TOOL_OPTIONS", "");
            long heap = bytes(match(options, "-Xmx(\\d+[kKmMgG]?)", app.name() + " -Xmx"));
            // The limit covers the heap plus 512 MiB for metaspace, threads, RocksDB and direct buffers.
            long needed = heap + (512L << 20);
            ResourceRequirements res = c.getResources();
            long limit = Quantity.getAmountInBytes(res.getLimits().get("memory")).longValueExact();
            long request = Quantity.getAmountInBytes(res.getRequests().get("memory")).longValueExact();
            assertThat(limit).as("%s memory limit vs %s", app.name(), options).isGreaterThanOrEqualTo(needed);
            assertThat(request).as("%s memory request: at least the heap", app.name()).isBetween(heap, limit);
            BigDecimal cpuRequest = Quantity.getAmountInBytes(res.getRequests().get("cpu"));
            assertThat(cpuRequest).isLessThanOrEqualTo(Quantity.getAmountInBytes(res.getLimits().get("cpu")));
        }
        // Both apps close Kafka Streams with LEAVE_GROUP and a timeout on SIGTERM: the grace period must outlast it.
        assertThat(template(TRAINER).getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(closeTimeout("io.credence.trainer.streams.TrainerStreams", "TIMEOUT").toSeconds() + 15);
        assertThat(template(SCORER).getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(closeTimeout("io.credence.scorer.streams.ScorerStreams", "CLOSE_TIMEOUT").toSeconds() + 15);
    }

    // ---- the commands --------------------------------------------------------------------------------------------

    @Test
    void theContainersRunRealCredenceCommandsAndTheJobCreatesTheTopicsTheAppsExpect() {
        for (App app : List.of(TRAINER, SCORER)) {
            assertThat(appContainer(app).getArgs()).containsExactly(app.command());
            assertThat(Credence.commandLine().parseArgs(app.command()).subcommand().commandSpec().name()).isEqualTo(app.command());
        }
        Job job = (Job) find("Job", "credence-topics").object();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isIn("Never", "OnFailure");
        Container c = jobContainer();
        Map<String, String> env = environment(c);
        List<String> args = new ArrayList<>();
        for (String arg : c.getArgs()) {
            Matcher m = VARIABLE_REFERENCE.matcher(arg);
            StringBuilder resolved = new StringBuilder();
            while (m.find()) {
                assertThat(env).as("$(%s) in the Job's args is defined in its environment", m.group(1)).containsKey(m.group(1));
                m.appendReplacement(resolved, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            m.appendTail(resolved);
            args.add(resolved.toString());
        }
        // The real CLI parses the Job's command line, as Kubernetes expands it.
        CommandLine.ParseResult topics = Credence.commandLine().parseArgs(args.toArray(String[]::new)).subcommand();
        assertThat(topics.commandSpec().name()).isEqualTo("topics");
        int partitions = topics.matchedOptionValue("--partitions", -1);
        short replication = topics.matchedOptionValue("--replication-factor", (short) -1);
        assertThat(topics.matchedOptionValue("--bootstrap", "")).isEqualTo(env.get("CREDENCE_KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(replication).as("replication factor of the topics").isEqualTo((short) 3);
        for (App app : List.of(TRAINER, SCORER)) {
            // An app creates a topic it misses with its own settings: the same as the Job's.
            Map<String, String> appEnv = environment(appContainer(app));
            assertThat(appEnv).as(app.name()).containsEntry("CREDENCE_TOPICS_PARTITIONS", String.valueOf(partitions))
                    .containsEntry("CREDENCE_TOPICS_REPLICATION_FACTOR", String.valueOf(replication))
                    .containsEntry("CREDENCE_KAFKA_BOOTSTRAP_SERVERS", env.get("CREDENCE_KAFKA_BOOTSTRAP_SERVERS"));
        }
        assertThat(partitions).as("more partitions than instances, to scale out later")
                .isGreaterThan(((StatefulSet) workload(TRAINER).object()).getSpec().getReplicas());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Whether {@code name} is one of {@code allowed}, or a pass-through property the app really knows. */
    private static boolean isSetting(String name, Set<String> allowed) {
        if (allowed.contains(name)) return true;
        if (name.startsWith(KAFKA_PASSTHROUGH)) {
            String property = property(name.substring(KAFKA_PASSTHROUGH.length()));
            return Stream.of(StreamsConfig.configDef().names(), ConsumerConfig.configNames(), ProducerConfig.configNames(),
                    AdminClientConfig.configNames()).anyMatch(names -> names.contains(property));
        }
        if (name.startsWith(SERDE_PASSTHROUGH)) {
            String property = property(name.substring(SERDE_PASSTHROUGH.length()));
            String sample = property.equals(RegistrySettings.USER_INFO) ? "user:password" : "1";
            try {
                new RegistrySettings(URI.create("http://registry:8081"), Map.of(property, sample));
                return true;
            } catch (IllegalArgumentException e) {
                return !e.getMessage().startsWith("unknown schema registry setting");
            }
        }
        return false;
    }

    /** A pass-through variable's property name, as the apps see it (Micronaut's '.' reading; no Kafka name has '_'). */
    private static String property(String suffix) {
        return suffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Every key of the app's application-*.yml, as the environment variable that overrides it. */
    private static Set<String> settingNames(App app) throws IOException {
        return KubernetesManifests.flatten(KubernetesManifests.load(app.yml())).keySet().stream()
                .map(k -> k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The port the app listens on: MICRONAUT_SERVER_PORT in the manifest, else the yml's micronaut.server.port. */
    private static int appPort(App app) {
        String set = environment(appContainer(app)).get("MICRONAUT_SERVER_PORT");
        if (set != null) return Integer.parseInt(set);
        try {
            return (Integer) KubernetesManifests.flatten(KubernetesManifests.load(app.yml())).get("micronaut.server.port");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A container's environment as Kubernetes builds it: envFrom ConfigMaps (which must exist here) and Secrets, then
     * env; values from a Secret or a field reference are null.
     */
    private static Map<String, String> environment(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : nullToEmpty(c.getEnvFrom())) {
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = (ConfigMap) find("ConfigMap", from.getConfigMapRef().getName()).object();
                env.putAll(cm.getData());
            } else if (from.getSecretRef() != null) {
                secretKeys().forEach(k -> env.put(k, null));
            }
        }
        for (EnvVar v : nullToEmpty(c.getEnv())) {
            if (v.getValueFrom() != null && v.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = v.getValueFrom().getConfigMapKeyRef();
                env.put(v.getName(), ((ConfigMap) find("ConfigMap", ref.getName()).object()).getData().get(ref.getKey()));
            } else {
                env.put(v.getName(), v.getValue());
            }
        }
        return env;
    }

    private static Set<String> secretKeys() {
        Set<String> keys = new TreeSet<>();
        if (exampleSecret.getStringData() != null) keys.addAll(exampleSecret.getStringData().keySet());
        if (exampleSecret.getData() != null) keys.addAll(exampleSecret.getData().keySet());
        return keys;
    }

    private static Resource find(String kind, String name) {
        return all.stream().filter(r -> r.object().getKind().equals(kind) && r.object().getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in deploy/k8s"));
    }

    private static Resource workload(App app) {
        return find(app.kind(), app.name());
    }

    private static PodTemplateSpec template(App app) {
        return KubernetesManifests.template(workload(app).object()).orElseThrow();
    }

    private static Container appContainer(App app) {
        List<Container> containers = template(app).getSpec().getContainers();
        assertThat(containers).as("%s: one container", app.name()).hasSize(1);
        return containers.get(0);
    }

    private static Container jobContainer() {
        List<Container> containers = KubernetesManifests.template(find("Job", "credence-topics").object()).orElseThrow().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The workloads whose pod template carries every label of {@code selector}. */
    private static List<Resource> selectedBy(Map<String, String> selector, List<Resource> workloads) {
        assertThat(selector).as("a selector with labels").isNotEmpty();
        return workloads.stream().filter(w -> KubernetesManifests.template(w.object()).orElseThrow().getMetadata().getLabels()
                .entrySet().containsAll(selector.entrySet())).toList();
    }

    /** A named or numbered port of the container as a number. */
    private static int resolvePort(Container c, IntOrString port) {
        if (port.getIntVal() != null) return port.getIntVal();
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    /** The volume mount strictly containing {@code path}, if any. */
    private static VolumeMount mountHolding(Container c, String path) {
        return nullToEmpty(c.getVolumeMounts()).stream().filter(m -> path.startsWith(m.getMountPath().replaceAll("/$", "") + "/"))
                .findFirst().orElse(null);
    }

    private static Volume volume(Resource workload, String name) {
        return nullToEmpty(KubernetesManifests.template(workload.object()).orElseThrow().getSpec().getVolumes()).stream()
                .filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(workload.id() + " has no volume " + name));
    }

    private static String match(String text, String regex, String what) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in \"%s\"", what, text).isTrue();
        return m.group(1);
    }

    /** A JVM size (1g, 3G, 512m) in bytes: k, m, g, t read as powers of 1024. */
    private static long bytes(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? size : size.substring(0, size.length() - 1)) << shift;
    }

    private static Duration closeTimeout(String className, String field) throws Exception {
        Field f = Class.forName(className).getDeclaredField(field);
        f.setAccessible(true);
        return (Duration) f.get(null);
    }

    /** JAVA_TOOL_OPTIONS: the Jib container environment and JVM flags of cli/pom.xml. */
    private static void readImageConfiguration() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        var pom = factory.newDocumentBuilder().parse(ROOT.resolve("cli/pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (!text(plugin, "artifactId").equals("jib-maven-plugin")) continue;
            Element container = (Element) plugin.getElementsByTagName("container").item(0);
            imageEnvironment = new TreeSet<>(childNames((Element) container.getElementsByTagName("environment").item(0)));
            imageJvmFlags = new ArrayList<>();
            NodeList flags = container.getElementsByTagName("jvmFlag");
            for (int j = 0; j < flags.getLength(); j++) imageJvmFlags.add(flags.item(j).getTextContent().trim());
            return;
        }
        throw new AssertionError("no jib-maven-plugin in cli/pom.xml");
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    private static List<String> childNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) names.add(n.getNodeName());
        }
        return names;
    }

    /** Environment variables the CLI's code reads: System.getenv("X") and SerdeOptions' env("X"). */
    private static Set<String> cliEnvironment() throws IOException {
        Pattern read = Pattern.compile("(?:getenv|\\benv)\\(\"([A-Z0-9_]+)\"\\)");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("cli/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = read.matcher(Files.readString(f));
                while (m.find()) names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<String> asStrings(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
