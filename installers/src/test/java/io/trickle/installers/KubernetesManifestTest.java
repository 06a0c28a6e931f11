package io.trickle.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests, checked without a cluster: each file parses as YAML, and the fields
 * that decide whether the engine runs right are there — two replicas (one leads, one follows), the
 * daemon on its metrics port, liveness on /health and readiness on /ready, the URL from a Secret
 * that exists (or that CloudNativePG creates), a non-root user, time to stop, and a rolling update
 * that starts the new pod before the old one stops.
 */
class KubernetesManifestTest {

    private static final Path DIR = Path.of("src/main/kubernetes");

    private static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(DIR.resolve(file).toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    @Test
    void theDeploymentRunsTwoEnginesWithProbesAndTheUrlFromTheSecret() throws IOException {
        List<JsonNode> docs = documents("trickle.yaml");
        JsonNode deployment = kind(docs, "Deployment");
        String secretKey = assertEngineDeployment(deployment);
        JsonNode secret = kind(docs, "Secret");
        String[] ref = secretKey.split("/");
        assertEquals(ref[0], secret.at("/metadata/name").asText());
        assertTrue(secret.at("/stringData/" + ref[1]).asText().startsWith("jdbc:postgresql://"),
                "the Secret holds a JDBC URL under the key the Deployment reads");
        assertEquals(1, kind(docs, "PodDisruptionBudget").at("/spec/minAvailable").asInt());
        assertEquals(deployment.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt(),
                kind(docs, "Service").at("/spec/ports/0/port").asInt());
    }

    @Test
    void theCloudNativePgExampleReadsTheUrlTheOperatorWrites() throws IOException {
        List<JsonNode> docs = documents("cloudnativepg-example.yaml");
        JsonNode cluster = kind(docs, "Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        String owner = cluster.at("/spec/bootstrap/initdb/owner").asText();
        assertTrue(!owner.isEmpty(), "the database has an owner, who may create the catalog");
        String secretKey = assertEngineDeployment(kind(docs, "Deployment"));
        // CloudNativePG's application secret: <cluster>-app, with a JDBC URL under jdbc-uri.
        assertEquals(cluster.at("/metadata/name").asText() + "-app/jdbc-uri", secretKey);
    }

    /** Checks the engine's Deployment and returns the secret/key its TRICKLE_URL comes from. */
    private static String assertEngineDeployment(JsonNode deployment) throws IOException {
        assertEquals("apps/v1", deployment.path("apiVersion").asText());
        assertEquals(2, deployment.at("/spec/replicas").asInt(), "one leader, one follower");
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(),
                "a rolling update starts the new engine (it follows) before the old one stops");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/terminationGracePeriodSeconds").asInt() > 10, "the daemon may take 10 s to stop");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0);

        JsonNode container = pod.at("/containers/0");
        String port = ContainerfileTest.metricsPort();
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        assertEquals(List.of("run", "--metrics-port", port), args);
        assertEquals(port, container.at("/ports/0/containerPort").asText());
        String portName = container.at("/ports/0/name").asText();
        assertEquals("/health", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(portName, container.at("/livenessProbe/httpGet/port").asText());
        assertEquals(portName, container.at("/readinessProbe/httpGet/port").asText());
        assertTrue(!container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));

        String secretKey = urlSecret(container);
        JsonNode init = pod.at("/initContainers/0");
        assertEquals("install", init.at("/args/0").asText(), "the catalog is installed or upgraded first");
        assertEquals(secretKey, urlSecret(init));
        return secretKey;
    }

    private static String urlSecret(JsonNode container) {
        for (JsonNode env : container.path("env")) {
            if ("TRICKLE_URL".equals(env.path("name").asText())) {
                JsonNode ref = env.at("/valueFrom/secretKeyRef");
                assertTrue(!ref.isMissingNode(), "TRICKLE_URL comes from a Secret, not from the manifest");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        throw new AssertionError("no TRICKLE_URL in " + container.path("name").asText());
    }
}
