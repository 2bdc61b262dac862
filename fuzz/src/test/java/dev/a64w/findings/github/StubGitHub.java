package dev.a64w.findings.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A local stand-in for the part of GitHub's REST API that {@code file-issues} uses, on OkHttp's
 * MockWebServer: one repository, its labels and issues kept in memory (so a second run sees what the
 * first filed), the token checked on every request, listings paged {@link #PAGE} at a time with
 * {@code Link} headers as GitHub sends them, and canned failures queued for the next matching request.
 * Every request is recorded.
 */
public final class StubGitHub implements AutoCloseable {
    /** Issues per page, whatever per_page asks: small, so that a few issues already span pages. */
    public static final int PAGE = 2;
    static final ObjectMapper JSON = new ObjectMapper();

    public record Issue(int number, String title, String body, List<String> labels, String state) {
    }

    private static final class Failure {
        final String method;
        final String pathPrefix;
        final MockResponse response;
        int passes;

        Failure(String method, String pathPrefix, int passes, MockResponse response) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.passes = passes;
            this.response = response;
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final String owner;
    private final String name;
    private final String token;
    private final List<Issue> issues = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private boolean dropLabels;

    public StubGitHub(String repo, String token) {
        this.owner = repo.substring(0, repo.indexOf('/'));
        this.name = repo.substring(repo.indexOf('/') + 1);
        this.token = token;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (StubGitHub.this) {
                    requests.add(request);
                    return answer(request);
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API base to give {@code GITHUB_API_URL}. */
    public String url() {
        return server.url("/").toString();
    }

    public synchronized void addIssue(String title, String body, String state, String... labelNames) {
        issues.add(new Issue(issues.size() + 1, title, body, List.of(labelNames), state));
    }

    public synchronized void addLabel(String label) {
        labels.put(label, "ededed");
    }

    /** New issues lose their labels, as GitHub does when the token may not set them. */
    public synchronized void dropLabels() {
        dropLabels = true;
    }

    /** The next request with this method whose path starts with the prefix gets {@code response}. */
    public synchronized void failNext(String method, String pathPrefix, MockResponse response) {
        failAfter(method, pathPrefix, 0, response);
    }

    /** Like {@link #failNext}, after letting {@code passes} matching requests through. */
    public synchronized void failAfter(String method, String pathPrefix, int passes, MockResponse response) {
        failures.add(new Failure(method, pathPrefix, passes, response));
    }

    public synchronized List<Issue> issues() {
        return List.copyOf(issues);
    }

    public synchronized Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method whose path starts with the prefix. */
    public synchronized List<RecordedRequest> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().startsWith(pathPrefix)).toList();
    }

    static JsonNode body(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody() == null ? "" : r.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An error answer as GitHub gives it. */
    public static MockResponse error(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
                .body("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest\"}").build();
    }

    private MockResponse answer(RecordedRequest r) {
        String auth = r.getHeaders().get("Authorization");
        if (auth == null || !(auth.equals("token " + token) || auth.equals("Bearer " + token))) {
            return error(401, "Bad credentials");
        }
        String path = r.getUrl().encodedPath();
        Failure f = failures.stream().filter(x -> x.method.equals(r.getMethod()) && path.startsWith(x.pathPrefix)).findFirst().orElse(null);
        if (f != null && f.passes-- == 0) {
            failures.remove(f);
            return f.response;
        }
        String repoPath = "/repos/" + owner + "/" + name;
        return switch (r.getMethod() + " " + (path.startsWith(repoPath) ? path.substring(repoPath.length()) : "?" + path)) {
            case "GET " -> json(200, repository());
            case "GET /issues" -> listIssues(r.getUrl());
            case "POST /issues" -> createIssue(body(r));
            case "POST /labels" -> createLabel(body(r));
            default -> {
                if (r.getMethod().equals("GET") && path.startsWith(repoPath + "/labels/")) {
                    String label = URLDecoder.decode(path.substring((repoPath + "/labels/").length()), StandardCharsets.UTF_8);
                    yield labels.containsKey(label) ? json(200, label(label)) : error(404, "Not Found");
                }
                yield error(404, "Not Found");
            }
        };
    }

    private ObjectNode repository() {
        ObjectNode repo = JSON.createObjectNode();
        repo.put("id", 1).put("name", name).put("full_name", owner + "/" + name).put("has_issues", true)
                .put("url", server.url("/repos/" + owner + "/" + name).toString())
                .put("html_url", "https://github.example/" + owner + "/" + name);
        repo.putObject("owner").put("login", owner).put("id", 2).put("type", "User");
        return repo;
    }

    private ObjectNode label(String label) {
        ObjectNode l = JSON.createObjectNode();
        l.put("id", 100 + List.copyOf(labels.keySet()).indexOf(label)).put("name", label).put("color", labels.get(label))
                .put("url", server.url("/repos/" + owner + "/" + name + "/labels/" + label).toString());
        return l;
    }

    private ObjectNode issue(Issue i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", 1000 + i.number).put("number", i.number).put("title", i.title).put("body", i.body).put("state", i.state)
                .put("url", server.url("/repos/" + owner + "/" + name + "/issues/" + i.number).toString())
                .put("html_url", "https://github.example/" + owner + "/" + name + "/issues/" + i.number);
        ArrayNode ls = o.putArray("labels");
        i.labels.forEach(l -> ls.addObject().put("name", l).put("id", 100).put("color", "ededed"));
        o.putObject("user").put("login", "a64w-bot").put("id", 3);
        return o;
    }

    private MockResponse listIssues(HttpUrl url) {
        String label = url.queryParameter("labels");
        String state = url.queryParameter("state") == null ? "open" : url.queryParameter("state");
        List<Issue> selected = issues.stream()
                .filter(i -> label == null || i.labels.contains(label))
                .filter(i -> state.equals("all") || i.state.equals(state)).toList();
        int page = url.queryParameter("page") == null ? 1 : Integer.parseInt(url.queryParameter("page"));
        int last = Math.max(1, (selected.size() + PAGE - 1) / PAGE);
        ArrayNode array = JSON.createArrayNode();
        selected.stream().skip((long) (page - 1) * PAGE).limit(PAGE).forEach(i -> array.add(issue(i)));
        MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(array.toString());
        if (page < last) {
            b.addHeader("Link", "<" + url.newBuilder().setQueryParameter("page", String.valueOf(page + 1)).build() + ">; rel=\"next\", <"
                    + url.newBuilder().setQueryParameter("page", String.valueOf(last)).build() + ">; rel=\"last\"");
        }
        return b.build();
    }

    private MockResponse createIssue(JsonNode request) {
        if (!request.hasNonNull("title") || request.get("title").asText().isBlank()) {
            return new MockResponse.Builder().code(422).body("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
                    + "\"code\":\"missing_field\",\"field\":\"title\"}]}").build();
        }
        List<String> ls = new ArrayList<>();
        request.path("labels").forEach(l -> ls.add(l.asText()));
        if (!dropLabels) {
            ls.forEach(l -> labels.putIfAbsent(l, "ededed"));
        }
        Issue i = new Issue(issues.size() + 1, request.get("title").asText(), request.path("body").asText(null),
                dropLabels ? List.of() : ls, "open");
        issues.add(i);
        return json(201, issue(i));
    }

    private MockResponse createLabel(JsonNode request) {
        String label = request.path("name").asText();
        if (labels.containsKey(label)) {
            return new MockResponse.Builder().code(422).body("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\","
                    + "\"code\":\"already_exists\",\"field\":\"name\"}]}").build();
        }
        labels.put(label, request.path("color").asText("ededed"));
        return json(201, label(label));
    }

    private static MockResponse json(int code, JsonNode node) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8").body(node.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
