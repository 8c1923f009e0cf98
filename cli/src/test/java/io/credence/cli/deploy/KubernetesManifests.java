package io.credence.cli.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The manifests of {@code deploy/k8s}, read into fabric8's typed Kubernetes model (the classes its client sends to an
 * API server) as strictly as an API server's strict field validation would: a field the model does not have, a
 * number where a string belongs, a duplicate key, an unknown kind, each fails the read.
 *
 * <p>fabric8's model classes keep unknown fields in an "additional properties" map (a Jackson any-setter), so that
 * FAIL_ON_UNKNOWN_PROPERTIES alone would accept {@code replica: 2}; {@link #STRICT} removes those any-setters.
 */
final class KubernetesManifests {
    static final Path DIR = DeployScript.ROOT.resolve("deploy/k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String SECRET_EXAMPLE = "secret.example.yaml";

    /** The kinds deploy/k8s may use, by apiVersion/kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /** Jackson over the fabric8 model, failing on any field the model does not define and on type coercions. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // "value: 1" in an env var or a ConfigMap is an error for an API server (strings only there).
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new SimpleModule("no-additional-properties").setDeserializerModifier(new ValueDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier bean,
                                                             BeanDeserializerBuilder builder) {
                    if (bean.getBeanClass().getName().startsWith("io.fabric8.")) builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    /** One resource and the file it came from. */
    record Resource(String file, HasMetadata object) {
        String id() {
            return object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    private KubernetesManifests() {}

    /** The manifest files: every .yaml of deploy/k8s but the kustomization. */
    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted().toList();
        }
    }

    /** Every resource of every manifest file, the example Secret included. */
    static List<Resource> all() throws IOException {
        List<Resource> all = new ArrayList<>();
        for (Path f : files()) all.addAll(read(f.getFileName().toString(), Files.readString(f)));
        return all;
    }

    /** The resources of a multi-document YAML text, each checked against the typed model. */
    static List<Resource> read(String file, String yaml) {
        List<Resource> resources = new ArrayList<>();
        for (Object doc : newYaml().loadAll(yaml)) {
            if (doc == null) continue; // an empty document (a trailing ---)
            resources.add(new Resource(file, parse(file, asMap(doc, file))));
        }
        return resources;
    }

    /** One resource, given as the YAML tree, into its typed class; fails on anything an API server would refuse. */
    static HasMetadata parse(String file, Map<String, Object> doc) {
        String type = doc.get("apiVersion") + "/" + doc.get("kind");
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) throw new IllegalArgumentException(file + ": " + type + " is not a kind deploy/k8s is checked for " + KINDS.keySet());
        try {
            return STRICT.convertValue(doc, kind);
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": " + type + " does not fit the Kubernetes model: " + e.getMessage(), e);
        }
    }

    /** A YAML file into plain maps and lists (duplicate keys refused, as kubectl does). */
    static Map<String, Object> load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return asMap(newYaml().load(r), file.toString());
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object doc, String where) {
        if (!(doc instanceof Map)) throw new IllegalArgumentException(where + ": not a YAML mapping: " + doc);
        return (Map<String, Object>) doc;
    }

    /** Every key of a YAML tree as a dotted path to its leaf value (lists are leaves). */
    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> flat) {
        tree.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) flatten(key, asMap(m, key), flat);
            else flat.put(key, v);
        });
    }

    /** The pod template of a workload (StatefulSet, Deployment, Job), if it is one. */
    static Optional<PodTemplateSpec> template(HasMetadata o) {
        if (o instanceof StatefulSet s) return Optional.of(s.getSpec().getTemplate());
        if (o instanceof Deployment d) return Optional.of(d.getSpec().getTemplate());
        if (o instanceof Job j) return Optional.of(j.getSpec().getTemplate());
        return Optional.empty();
    }

    /** Every container of every workload, with the workload. */
    static List<Map.Entry<Resource, Container>> containers(List<Resource> all) {
        List<Map.Entry<Resource, Container>> out = new ArrayList<>();
        for (Resource r : all) {
            template(r.object()).ifPresent(t -> {
                t.getSpec().getContainers().forEach(c -> out.add(Map.entry(r, c)));
                if (t.getSpec().getInitContainers() != null) t.getSpec().getInitContainers().forEach(c -> out.add(Map.entry(r, c)));
            });
        }
        return out;
    }
}
