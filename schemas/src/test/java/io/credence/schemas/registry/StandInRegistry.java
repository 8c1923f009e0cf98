package io.credence.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Confluent Schema Registry: an in-memory HTTP server that implements the documented Confluent Schema
 * Registry REST API (v1) for the endpoints that Credence's own REST client and Confluent's clients (for example the npm
 * package {@code @confluentinc/schemaregistry}) use, for Avro schemas only. It lives in test code because no real
 * registry can be built or run here; integration tests and the benchmark start one per test and point the clients at
 * {@link #url()}.
 *
 * <p>Endpoints:
 * <ul>
 *   <li>{@code GET /} &rarr; {@code {}}</li>
 *   <li>{@code GET /subjects} &rarr; the subject names, sorted</li>
 *   <li>{@code POST /subjects/{subject}/versions} registers a schema, &rarr; {@code {"id":...}}</li>
 *   <li>{@code POST /subjects/{subject}} looks a schema up under a subject,
 *       &rarr; {@code {"subject","id","version","schema"}}</li>
 *   <li>{@code DELETE /subjects/{subject}} &rarr; the deleted versions</li>
 *   <li>{@code GET /subjects/{subject}/versions} &rarr; {@code [1,2,...]}</li>
 *   <li>{@code GET /subjects/{subject}/versions/{version}} ({@code latest}, {@code -1} or a number)
 *       &rarr; {@code {"subject","id","version","schema"}}</li>
 *   <li>{@code GET /subjects/{subject}/versions/{version}/schema} &rarr; the schema itself</li>
 *   <li>{@code DELETE /subjects/{subject}/versions/{version}} &rarr; the deleted version</li>
 *   <li>{@code GET /schemas/ids/{id}} &rarr; {@code {"schema":...}}</li>
 *   <li>{@code GET /schemas/ids/{id}/schema} &rarr; the schema itself</li>
 *   <li>{@code GET /schemas/ids/{id}/versions} &rarr; {@code [{"subject","version"}]}</li>
 *   <li>{@code GET /schemas/ids/{id}/subjects} &rarr; the subjects that hold it</li>
 *   <li>{@code GET /schemas/types} &rarr; {@code ["AVRO"]}</li>
 *   <li>{@code POST /compatibility/subjects/{subject}/versions/{version}} &rarr; {@code {"is_compatible":...}}, against
 *       that one version ({@code ?verbose=true} adds {@code "messages"})</li>
 *   <li>{@code POST /compatibility/subjects/{subject}/versions} &rarr; the same, against the versions the subject's
 *       level checks on registration (the latest, or all for a transitive level)</li>
 *   <li>{@code GET|PUT|DELETE /config} and {@code GET|PUT|DELETE /config/{subject}} (compatibility levels)</li>
 * </ul>
 *
 * <p>Behaviour follows Confluent's documentation: versions 1, 2, 3... per subject; global ids, the same for the same
 * schema under several subjects; compatibility checked on registration under the subject's level, else the global one
 * ({@code BACKWARD} by default) with Avro's {@link SchemaCompatibility}; errors as {@code {"error_code","message"}}
 * with 40401, 40402, 40403, 40408, 409, 42201, 42202, 42203 (and 400, 401, 404, 405, 500). Two schemas are the same
 * when Avro writes them alike once parsed ({@link Schema#toString()}, which keeps defaults, docs, aliases and logical
 * types and ignores whitespace and key order), as Confluent compares them. Simplifications: only Avro and no
 * schema references (both refused with 42201); every delete is a hard delete, with ids still resolvable through
 * {@code /schemas/ids/{id}} as in Confluent; {@code normalize}, {@code deleted} and similar query parameters are
 * accepted and ignored; no modes, contexts, metadata or rule sets.
 */
public final class StandInRegistry implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String authorization;
    private final ConcurrentLinkedQueue<String[]> requests = new ConcurrentLinkedQueue<>();

    // The store; every access holds the lock of this object.
    private final Map<Integer, Stored> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByKey = new HashMap<>();
    private final Map<String, TreeMap<Integer, Integer>> subjects = new HashMap<>(); // subject -> version -> id
    private final Map<String, Level> subjectLevels = new HashMap<>();
    private Level globalLevel = Level.BACKWARD;
    private int nextId = 1;

    private StandInRegistry(String user, String password) {
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stand-in-registry-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a registry on 127.0.0.1 at a free port, without authentication. */
    public static StandInRegistry start() {
        return new StandInRegistry(null, null);
    }

    /** Starts a registry on 127.0.0.1 at a free port that answers only requests with HTTP Basic auth for these credentials. */
    public static StandInRegistry start(String user, String password) {
        if (user == null || password == null) {
            throw new IllegalArgumentException("user and password are required");
        }
        return new StandInRegistry(user, password);
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * How many requests so far had this method and a path (percent-decoded, without the query string) starting with
     * this prefix, e.g. {@code ("GET", "/schemas/ids/")}. Every request received counts, refused ones included.
     */
    public int requestCount(String method, String pathPrefix) {
        int n = 0;
        for (String[] r : requests) {
            if (r[0].equalsIgnoreCase(method) && r[1].startsWith(pathPrefix)) {
                n++;
            }
        }
        return n;
    }

    /** The level set for this subject through {@code PUT /config/{subject}}, if any. */
    public synchronized Optional<String> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject)).map(Enum::name);
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            URI uri = exchange.getRequestURI();
            requests.add(new String[]{method, uri.getPath() == null ? "" : uri.getPath()});
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status;
            byte[] out;
            try {
                if (authorization != null && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"StandInRegistry\"");
                    throw new RegistryError(401, "Unauthorized");
                }
                JsonNode result = route(method, segments(uri.getRawPath()), query(uri.getRawQuery()), body);
                status = 200;
                out = JSON.writeValueAsBytes(result);
            } catch (RegistryError e) {
                status = e.httpStatus();
                out = errorBody(e.errorCode, e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                out = errorBody(500, "Internal error in the stand-in registry: " + e);
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private static byte[] errorBody(int code, String message) throws JsonProcessingException {
        ObjectNode error = JSON.createObjectNode();
        error.put("error_code", code);
        error.put("message", message);
        return JSON.writeValueAsBytes(error);
    }

    /** The path's segments, each percent-decoded on its own (so an encoded '/' stays inside its segment). */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
            if (!raw.isEmpty()) {
                // URLDecoder reads '+' as a space, which is right for queries but not paths.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        return query;
    }

    private JsonNode route(String method, List<String> path, Map<String, String> query, byte[] body) {
        int n = path.size();
        String first = n > 0 ? path.get(0) : "";
        if (n == 0) {
            allow(method, "GET");
            return JSON.createObjectNode();
        }
        switch (first) {
            case "subjects":
                if (n == 1) {
                    allow(method, "GET");
                    return listSubjects(query.get("subjectPrefix"));
                }
                String subject = path.get(1);
                if (n == 2) {
                    allow(method, "POST", "DELETE");
                    return method.equals("POST") ? lookup(subject, json(body)) : deleteSubject(subject);
                }
                if (!path.get(2).equals("versions")) {
                    break;
                }
                if (n == 3) {
                    allow(method, "GET", "POST");
                    return method.equals("GET") ? listVersions(subject) : register(subject, json(body));
                }
                if (n == 4) {
                    allow(method, "GET", "DELETE");
                    return method.equals("GET") ? version(subject, path.get(3)) : deleteVersion(subject, path.get(3));
                }
                if (n == 5 && path.get(4).equals("schema")) {
                    allow(method, "GET");
                    return rawSchema(version(subject, path.get(3)).get("schema").asText());
                }
                break;
            case "schemas":
                if (n == 2 && path.get(1).equals("types")) {
                    allow(method, "GET");
                    return JSON.createArrayNode().add("AVRO");
                }
                if (n < 3 || n > 4 || !path.get(1).equals("ids")) {
                    break;
                }
                int id;
                try {
                    id = Integer.parseInt(path.get(2));
                } catch (NumberFormatException e) {
                    break;
                }
                if (n == 3) {
                    allow(method, "GET");
                    ObjectNode schema = JSON.createObjectNode();
                    schema.put("schema", byId(id).schema());
                    return schema;
                }
                switch (path.get(3)) {
                    case "schema":
                        allow(method, "GET");
                        return rawSchema(byId(id).schema());
                    case "versions":
                        allow(method, "GET");
                        return versionsOfId(id, false);
                    case "subjects":
                        allow(method, "GET");
                        return versionsOfId(id, true);
                    default:
                        break;
                }
                break;
            case "compatibility":
                if ((n == 4 || n == 5) && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    allow(method, "POST");
                    return compatibility(path.get(2), n == 5 ? path.get(4) : null, json(body),
                            "true".equalsIgnoreCase(query.get("verbose")));
                }
                break;
            case "config":
                if (n == 1) {
                    allow(method, "GET", "PUT", "DELETE");
                    return method.equals("GET") ? globalConfig() : method.equals("PUT") ? putGlobalConfig(json(body)) : deleteGlobalConfig();
                }
                if (n == 2) {
                    allow(method, "GET", "PUT", "DELETE");
                    String s = path.get(1);
                    return method.equals("GET") ? subjectConfig(s, "true".equalsIgnoreCase(query.get("defaultToGlobal")))
                            : method.equals("PUT") ? putSubjectConfig(s, json(body)) : deleteSubjectConfig(s);
                }
                break;
            default:
                break;
        }
        throw new RegistryError(404, "HTTP 404 Not Found");
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new RegistryError(405, "HTTP 405 Method Not Allowed");
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RegistryError(400, "The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RegistryError(400, "Unparseable request body: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static JsonNode rawSchema(String schema) {
        try {
            return JSON.readTree(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Subjects, versions, ids

    private synchronized JsonNode listSubjects(String prefix) {
        ArrayNode names = JSON.createArrayNode();
        subjects.keySet().stream().filter(s -> prefix == null || s.startsWith(prefix)).sorted().forEach(names::add);
        return names;
    }

    private synchronized JsonNode register(String subject, JsonNode request) {
        Parsed schema = parse(request);
        TreeMap<Integer, Integer> versions = subjects.get(subject);
        if (versions != null) {
            for (int id : versions.values()) {
                if (schemasById.get(id).key().equals(schema.key())) {
                    return idResponse(id);
                }
            }
            Level level = levelOf(subject);
            List<String> messages = new ArrayList<>();
            List<Integer> checked = level.transitive ? new ArrayList<>(versions.keySet()) : List.of(versions.lastKey());
            for (int version : checked) {
                messages.addAll(check(level, schema.avro(), version, schemasById.get(versions.get(version)).avro()));
            }
            if (!messages.isEmpty()) {
                throw new RegistryError(409, "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\", details: [" + String.join(", ", messages) + "]");
            }
        }
        Integer id = idsByKey.get(schema.key());
        if (id == null) {
            id = nextId++;
            idsByKey.put(schema.key(), id);
            schemasById.put(id, new Stored(schema.text(), schema.key(), schema.avro()));
        }
        TreeMap<Integer, Integer> target = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        target.put(target.isEmpty() ? 1 : target.lastKey() + 1, id);
        return idResponse(id);
    }

    private static JsonNode idResponse(int id) {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", id);
        return response;
    }

    private synchronized JsonNode lookup(String subject, JsonNode request) {
        Parsed schema = parse(request);
        TreeMap<Integer, Integer> versions = existing(subject);
        for (Map.Entry<Integer, Integer> v : versions.entrySet()) {
            if (schemasById.get(v.getValue()).key().equals(schema.key())) {
                return versionResponse(subject, v.getKey(), v.getValue());
            }
        }
        throw new RegistryError(40403, "Schema not found");
    }

    private synchronized JsonNode deleteSubject(String subject) {
        TreeMap<Integer, Integer> versions = existing(subject);
        subjects.remove(subject);
        ArrayNode deleted = JSON.createArrayNode();
        versions.keySet().forEach(deleted::add);
        return deleted;
    }

    private synchronized JsonNode listVersions(String subject) {
        ArrayNode versions = JSON.createArrayNode();
        existing(subject).keySet().forEach(versions::add);
        return versions;
    }

    private synchronized ObjectNode version(String subject, String version) {
        int wanted = versionNumber(version);
        TreeMap<Integer, Integer> versions = existing(subject);
        int v = resolve(versions, wanted);
        return versionResponse(subject, v, versions.get(v));
    }

    private synchronized JsonNode deleteVersion(String subject, String version) {
        int wanted = versionNumber(version);
        TreeMap<Integer, Integer> versions = existing(subject);
        int v = resolve(versions, wanted);
        versions.remove(v);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        return JSON.getNodeFactory().numberNode(v);
    }

    private synchronized Stored byId(int id) {
        Stored stored = schemasById.get(id);
        if (stored == null) {
            throw new RegistryError(40403, "Schema " + id + " not found");
        }
        return stored;
    }

    private synchronized JsonNode versionsOfId(int id, boolean subjectsOnly) {
        byId(id);
        ArrayNode result = JSON.createArrayNode();
        new TreeMap<>(subjects).forEach((subject, versions) -> versions.forEach((version, versionId) -> {
            if (versionId == id) {
                if (subjectsOnly) {
                    result.add(subject);
                } else {
                    ObjectNode sv = result.addObject();
                    sv.put("subject", subject);
                    sv.put("version", version);
                }
            }
        }));
        if (subjectsOnly) {
            // A subject that holds the schema under several versions is listed once.
            ArrayNode distinct = JSON.createArrayNode();
            result.forEach(s -> {
                if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(s)) {
                    distinct.add(s);
                }
            });
            return distinct;
        }
        return result;
    }

    private ObjectNode versionResponse(String subject, int version, int id) {
        ObjectNode response = JSON.createObjectNode();
        response.put("subject", subject);
        response.put("version", version);
        response.put("id", id);
        response.put("schema", schemasById.get(id).schema());
        return response;
    }

    private TreeMap<Integer, Integer> existing(String subject) {
        TreeMap<Integer, Integer> versions = subjects.get(subject);
        if (versions == null) {
            throw new RegistryError(40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    /** A version in a path as a number: -1 for {@code latest}; 42202 unless it is {@code latest}, -1 or positive. */
    private static int versionNumber(String version) {
        if (version.equals("latest")) {
            return -1;
        }
        try {
            int v = Integer.parseInt(version);
            if (v == -1 || v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new RegistryError(42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static int resolve(TreeMap<Integer, Integer> versions, int wanted) {
        if (wanted == -1) {
            return versions.lastKey();
        }
        if (!versions.containsKey(wanted)) {
            throw new RegistryError(40402, "Version " + wanted + " not found.");
        }
        return wanted;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Compatibility

    private synchronized JsonNode compatibility(String subject, String version, JsonNode request, boolean verbose) {
        Integer wanted = version == null ? null : versionNumber(version);
        Parsed schema = parse(request);
        TreeMap<Integer, Integer> versions = subjects.get(subject);
        List<String> messages = new ArrayList<>();
        if (versions != null) {
            Level level = levelOf(subject);
            List<Integer> against = wanted != null ? List.of(resolve(versions, wanted))
                    : level.transitive ? new ArrayList<>(versions.keySet()) : List.of(versions.lastKey());
            for (int v : against) {
                messages.addAll(check(level, schema.avro(), v, schemasById.get(versions.get(v)).avro()));
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("is_compatible", messages.isEmpty());
        if (verbose) {
            ArrayNode list = response.putArray("messages");
            messages.forEach(list::add);
        }
        return response;
    }

    /** Why {@code candidate} may not follow {@code existing} (this version) under this level; empty when it may. */
    private static List<String> check(Level level, Schema candidate, int version, Schema existing) {
        List<String> messages = new ArrayList<>();
        if (level.backward) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing).getResult(),
                    "the new schema cannot read data written with version " + version, level, messages);
        }
        if (level.forward) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate).getResult(),
                    "version " + version + " cannot read data written with the new schema", level, messages);
        }
        return messages;
    }

    private static void describe(SchemaCompatibilityResult result, String what, Level level, List<String> messages) {
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility i : result.getIncompatibilities()) {
            messages.add("{errorType:'" + i.getType() + "', description:'" + what + ": " + i.getMessage()
                    + "', location:'" + i.getLocation() + "', compatibility:'" + level + "'}");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Config

    private synchronized Level levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private synchronized JsonNode globalConfig() {
        return levelResponse("compatibilityLevel", globalLevel);
    }

    private synchronized JsonNode putGlobalConfig(JsonNode request) {
        globalLevel = level(request);
        return levelResponse("compatibility", globalLevel);
    }

    private synchronized JsonNode deleteGlobalConfig() {
        Level previous = globalLevel;
        globalLevel = Level.BACKWARD;
        return levelResponse("compatibilityLevel", previous);
    }

    private synchronized JsonNode subjectConfig(String subject, boolean defaultToGlobal) {
        Level level = subjectLevels.get(subject);
        if (level == null && defaultToGlobal) {
            level = globalLevel;
        }
        if (level == null) {
            throw notConfigured(subject);
        }
        return levelResponse("compatibilityLevel", level);
    }

    private synchronized JsonNode putSubjectConfig(String subject, JsonNode request) {
        Level level = level(request);
        subjectLevels.put(subject, level);
        return levelResponse("compatibility", level);
    }

    private synchronized JsonNode deleteSubjectConfig(String subject) {
        Level previous = subjectLevels.remove(subject);
        if (previous == null) {
            throw notConfigured(subject);
        }
        return levelResponse("compatibilityLevel", previous);
    }

    private static RegistryError notConfigured(String subject) {
        return new RegistryError(40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    private static ObjectNode levelResponse(String field, Level level) {
        ObjectNode response = JSON.createObjectNode();
        response.put(field, level.name());
        return response;
    }

    /** The level in a config update ({@code "compatibility"}, or {@code "compatibilityLevel"}); 42203 if it is none. */
    private static Level level(JsonNode request) {
        JsonNode value = request.hasNonNull("compatibility") ? request.get("compatibility") : request.get("compatibilityLevel");
        if (value != null && value.isTextual()) {
            try {
                return Level.valueOf(value.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // falls through to the error
            }
        }
        throw new RegistryError(42203, "Invalid compatibility level. Valid values are none, backward, forward, full, "
                + "backward_transitive, forward_transitive, and full_transitive");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Schemas

    /** The schema of a register, lookup or compatibility request, parsed; 42201 if it is not a plain Avro schema. */
    private static Parsed parse(JsonNode request) {
        JsonNode type = request.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new RegistryError(42201, "Invalid schema: schemaType " + type + " is not supported by the stand-in (AVRO only)");
        }
        JsonNode references = request.get("references");
        if (references != null && !references.isNull() && !(references.isArray() && references.isEmpty())) {
            throw new RegistryError(42201, "Invalid schema: references are not supported by the stand-in");
        }
        JsonNode text = request.get("schema");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new RegistryError(42201, "Invalid schema: the request has no \"schema\" string");
        }
        try {
            Schema avro = new Schema.Parser().parse(text.asText());
            return new Parsed(text.asText(), avro.toString(), avro);
        } catch (RuntimeException e) {
            throw new RegistryError(42201, "Invalid schema: " + e.getMessage());
        }
    }

    /** A schema as sent, its identity (Avro's own serialisation of it once parsed) and the parsed schema. */
    private record Parsed(String text, String key, Schema avro) {
    }

    /** A registered schema: the text first registered under its id, its identity and the parsed schema. */
    private record Stored(String schema, String key, Schema avro) {
    }

    private enum Level {
        NONE(false, false, false),
        BACKWARD(true, false, false),
        BACKWARD_TRANSITIVE(true, false, true),
        FORWARD(false, true, false),
        FORWARD_TRANSITIVE(false, true, true),
        FULL(true, true, false),
        FULL_TRANSITIVE(true, true, true);

        final boolean backward;
        final boolean forward;
        final boolean transitive;

        Level(boolean backward, boolean forward, boolean transitive) {
            this.backward = backward;
            this.forward = forward;
            this.transitive = transitive;
        }
    }

    /** An error answered as {@code {"error_code","message"}}, with the code's first three digits as the HTTP status. */
    private static final class RegistryError extends RuntimeException {
        private final int errorCode;

        RegistryError(int errorCode, String message) {
            super(message, null, false, false);
            this.errorCode = errorCode;
        }

        int httpStatus() {
            return errorCode < 1000 ? errorCode : errorCode / 100;
        }
    }
}
