package dev.baton.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.client.invoker.ApiClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A caller application's connection to Baton: the four services' addresses and the application's credentials. Each
 * {@link #as(String) session} acts for one user and signs every request for it ({@link RequestSigner}); the generated
 * API classes of each service are made from its session:
 * <pre>{@code
 * Baton baton = Baton.connect(Baton.Endpoints.standalone(), "demo-oa", secret);
 * Baton.Session alice = baton.as("alice");
 * TicketCommandControllerApi commands = alice.commands(TicketCommandControllerApi::new);
 * }</pre>
 * One HTTP client serves every session; sessions are cheap, immutable and safe to share between threads.
 */
public final class Baton {
    private final Endpoints endpoints;
    private final String appId;
    private final String secret;
    private final Clock clock;
    private final HttpClient.Builder http;
    private final ObjectMapper json;

    private Baton(Endpoints endpoints, String appId, String secret, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.appId = appId;
        this.secret = secret;
        this.clock = clock;
        HttpClient shared = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.http = new SharedHttpClient(shared);
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static Baton connect(Endpoints endpoints, String appId, String secret) {
        return new Baton(endpoints, appId, secret, Clock.systemUTC());
    }

    /** A session acting for {@code user}: every request it sends is signed for the user. */
    public Session as(String user) {
        return new Session(new RequestSigner(appId, secret, user, clock));
    }

    /** Where the four services answer. */
    public record Endpoints(URI workflowConfig, URI ticketCommand, URI ticketQuery, URI notificationWorker) {
        public Endpoints {
            Objects.requireNonNull(workflowConfig, "workflowConfig");
            Objects.requireNonNull(ticketCommand, "ticketCommand");
            Objects.requireNonNull(ticketQuery, "ticketQuery");
            Objects.requireNonNull(notificationWorker, "notificationWorker");
        }

        /** The standalone's defaults: ports 8081 to 8084 on this machine. */
        public static Endpoints standalone() {
            return portBase("127.0.0.1", 8080);
        }

        /** Four consecutive ports after {@code base}, as the standalone's {@code BATON_PORT_BASE} lays them out. */
        public static Endpoints portBase(String host, int base) {
            return new Endpoints(URI.create("http://" + host + ":" + (base + 1)),
                    URI.create("http://" + host + ":" + (base + 2)), URI.create("http://" + host + ":" + (base + 3)),
                    URI.create("http://" + host + ":" + (base + 4)));
        }
    }

    /** One user's signed access to the four services. */
    public final class Session {
        private final RequestSigner signer;

        private Session(RequestSigner signer) {
            this.signer = signer;
        }

        /** A workflow-config API ({@code WorkflowsApi::new}, {@code DirectoryApi::new}, ...). */
        public <T> T config(Function<ApiClient, T> api) {
            return api.apply(client(endpoints.workflowConfig()));
        }

        /** A ticket-command API. */
        public <T> T commands(Function<ApiClient, T> api) {
            return api.apply(client(endpoints.ticketCommand()));
        }

        /** A ticket-query API. */
        public <T> T queries(Function<ApiClient, T> api) {
            return api.apply(client(endpoints.ticketQuery()));
        }

        /** A notification-worker API. */
        public <T> T notifications(Function<ApiClient, T> api) {
            return api.apply(client(endpoints.notificationWorker()));
        }

        private ApiClient client(URI base) {
            return new ApiClient(http, json, base.toString().replaceAll("/$", ""))
                    .setRequestInterceptor(signer)
                    .setReadTimeout(Duration.ofSeconds(30));
        }
    }
}
