package dev.baton.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.BatonJson;
import dev.baton.notification.channel.SendResult.Outcome;
import dev.baton.notification.recipient.Recipient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each robot against a local server that plays its platform: it checks the signature as the platform does (from the
 * timestamp it received) and answers as the platform answers.
 */
class RobotChannelTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String SECRET = "SEC0123456789abcdef";
    static final Instant NOW = Instant.parse("2025-05-01T08:00:00.123Z");
    static final Recipient ADA = new Recipient("ada", "Ada Lovelace", "ada@example.com", Map.of(
            "mobile", "13800000001", "feishu", "ou_ada", "dingtalk", "ding_ada", "wecom", "ada.l"));
    static final Message MESSAGE = new Message("d-1", "t-1", "Leave request #42 approved",
            "Your leave from 1 to 3 May was approved.", ADA, "{}");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    HttpServer server;
    ExecutorService executor;
    volatile Function<Received, Answer> platform = r -> new Answer(200, "{}", Duration.ZERO);

    /** What the robot received. */
    record Received(String method, String path, Map<String, String> query, String contentType, JsonNode body) {
    }

    /** How the platform answers. */
    record Answer(int status, String body, Duration delay) {
        static Answer json(String body) {
            return new Answer(200, body, Duration.ZERO);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(bytes));
            received.add(request);
            Answer answer = platform.apply(request);
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    private RobotChannel channel(ChannelType type, String url, String secret, Duration timeout) {
        return new RobotChannel("team-" + type.name().toLowerCase(), new ChannelSettings(type, url, secret, null,
                timeout), clock);
    }

    private static SendResult send(Channel channel) throws Exception {
        return channel.send(MESSAGE).get(10, TimeUnit.SECONDS);
    }

    private Received onlyRequest() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("the robot's request").isNotNull();
        assertThat(received).isEmpty();
        return request;
    }

    private static String hmacBase64(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the platforms ----

    /** A Feishu custom bot with {@code secret}: checks the body's timestamp and sign, then answers {@code ok}. */
    static Function<Received, Answer> feishu(String secret, Answer ok) {
        return request -> {
            String timestamp = request.body().path("timestamp").asText(null);
            String sign = request.body().path("sign").asText(null);
            if (timestamp == null || !same(hmacBase64((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8),
                    new byte[0]), sign)) {
                return Answer.json("{\"code\":19021,\"data\":{},\"msg\":\"sign match fail or timestamp is not "
                        + "within one hour from current time\"}");
            }
            return ok;
        };
    }

    /** A DingTalk custom robot with {@code token} and {@code secret}: checks the query, then answers {@code ok}. */
    static Function<Received, Answer> dingTalk(String token, String secret, Answer ok) {
        return request -> {
            if (!token.equals(request.query().get("access_token"))) {
                return Answer.json("{\"errcode\":300001,\"errmsg\":\"token is not exist\"}");
            }
            String timestamp = request.query().get("timestamp");
            if (timestamp == null || !same(hmacBase64(secret.getBytes(StandardCharsets.UTF_8),
                    (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)), request.query().get("sign"))) {
                return Answer.json("{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            }
            return ok;
        };
    }

    /** A WeCom group robot with {@code key}: checks the key, then answers {@code ok}. */
    static Function<Received, Answer> weCom(String key, Answer ok) {
        return request -> key.equals(request.query().get("key")) ? ok
                : Answer.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url, hint: [x]\"}");
    }

    // ---- Feishu ----

    @Test
    void feishuReceivesASignedPostMentioningTheRecipient() throws Exception {
        platform = feishu(SECRET, Answer.json("{\"code\":0,\"data\":{},\"msg\":\"success\"}"));

        SendResult result = send(channel(ChannelType.FEISHU, url("/open-apis/bot/v2/hook/hook-id"), SECRET,
                Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.ok());
        Received request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/open-apis/bot/v2/hook/hook-id");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().path("timestamp").asText()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.body().path("msg_type").asText()).isEqualTo("post");
        JsonNode post = request.body().at("/content/post/zh_cn");
        assertThat(post.path("title").asText()).isEqualTo("Leave request #42 approved");
        assertThat(post.at("/content/0/0/text").asText()).isEqualTo("Your leave from 1 to 3 May was approved.");
        assertThat(post.at("/content/1/0").toString()).isEqualTo("{\"tag\":\"at\",\"user_id\":\"ou_ada\"}");
    }

    @Test
    void feishuRefusesAWrongSecretForGood() throws Exception {
        platform = feishu(SECRET, Answer.json("{\"code\":0,\"msg\":\"success\"}"));

        SendResult result = send(channel(ChannelType.FEISHU, url("/open-apis/bot/v2/hook/hook-id"), "SECwrong",
                Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.detail()).startsWith("Feishu answered code 19021: sign match fail");
    }

    @Test
    void feishusRateLimitIsRetried() throws Exception {
        platform = feishu(SECRET, Answer.json("{\"code\":9499,\"msg\":\"too many request\"}"));

        SendResult result = send(channel(ChannelType.FEISHU, url("/hook"), SECRET, Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.detail()).isEqualTo("Feishu answered code 9499: too many request");
    }

    @Test
    void anOlderFeishuBotWithoutASecretGetsNoSignAndAnswersWithStatusCode() throws Exception {
        platform = r -> Answer.json("{\"Extra\":null,\"StatusCode\":0,\"StatusMessage\":\"success\"}");

        SendResult result = send(channel(ChannelType.FEISHU, url("/hook"), null, Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.ok());
        assertThat(onlyRequest().body().has("sign")).isFalse();
    }

    // ---- DingTalk ----

    @Test
    void dingTalkReceivesASignedMarkdownMessageMentioningTheRecipient() throws Exception {
        platform = dingTalk("tok123", SECRET, Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        SendResult result = send(channel(ChannelType.DINGTALK, url("/robot/send?access_token=tok123"), SECRET,
                Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.ok());
        Received request = onlyRequest();
        assertThat(request.path()).isEqualTo("/robot/send");
        assertThat(request.query()).containsOnlyKeys("access_token", "timestamp", "sign")
                .containsEntry("timestamp", Long.toString(NOW.toEpochMilli()));
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().path("msgtype").asText()).isEqualTo("markdown");
        assertThat(request.body().at("/markdown/title").asText()).isEqualTo("Leave request #42 approved");
        assertThat(request.body().at("/markdown/text").asText()).isEqualTo("### Leave request #42 approved\n\n"
                + "Your leave from 1 to 3 May was approved.\n\n@13800000001 @ding_ada");
        assertThat(request.body().path("at").toString()).isEqualTo("{\"atMobiles\":[\"13800000001\"],"
                + "\"atUserIds\":[\"ding_ada\"],\"isAtAll\":false}");
    }

    @Test
    void dingTalkRefusesAWrongSecretForGood() throws Exception {
        platform = dingTalk("tok123", SECRET, Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        SendResult result = send(channel(ChannelType.DINGTALK, url("/robot/send?access_token=tok123"), "SECwrong",
                Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.detail()).isEqualTo("DingTalk answered code 310000: sign not match");
    }

    @Test
    void dingTalkSendingTooFastIsRetried() throws Exception {
        platform = dingTalk("tok123", SECRET, Answer.json("{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));

        SendResult result = send(channel(ChannelType.DINGTALK, url("/robot/send?access_token=tok123"), SECRET,
                Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.detail()).isEqualTo("DingTalk answered code 130101: send too fast");
    }

    @Test
    void dingTalkUnavailableIsRetried() throws Exception {
        platform = dingTalk("tok123", SECRET, new Answer(503, "<html>Service Unavailable</html>", Duration.ZERO));

        SendResult result = send(channel(ChannelType.DINGTALK, url("/robot/send?access_token=tok123"), SECRET,
                Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.retryable("HTTP 503: <html>Service Unavailable</html>"));
    }

    // ---- WeCom ----

    @Test
    void weComReceivesATextMessageMentioningTheRecipient() throws Exception {
        platform = weCom("key-1", Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        SendResult result = send(channel(ChannelType.WECOM, url("/cgi-bin/webhook/send?key=key-1"), null,
                Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.ok());
        Received request = onlyRequest();
        assertThat(request.path()).isEqualTo("/cgi-bin/webhook/send");
        assertThat(request.query()).containsOnlyKeys("key");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().toString()).isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":"
                + "\"Leave request #42 approved\\nYour leave from 1 to 3 May was approved.\","
                + "\"mentioned_list\":[\"ada.l\"],\"mentioned_mobile_list\":[\"13800000001\"]}}");
    }

    @Test
    void weComRefusesAnInvalidKeyForGood() throws Exception {
        platform = weCom("key-1", Answer.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        SendResult result = send(channel(ChannelType.WECOM, url("/cgi-bin/webhook/send?key=other"), null,
                Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.detail()).startsWith("WeCom answered code 93000: invalid webhook url");
    }

    @Test
    void weComsFrequencyLimitIsRetried() throws Exception {
        platform = weCom("key-1", Answer.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));

        SendResult result = send(channel(ChannelType.WECOM, url("/cgi-bin/webhook/send?key=key-1"), null,
                Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void http429IsRetried() throws Exception {
        platform = weCom("key-1", new Answer(429, "", Duration.ZERO));

        SendResult result = send(channel(ChannelType.WECOM, url("/cgi-bin/webhook/send?key=key-1"), null,
                Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.retryable("HTTP 429"));
    }

    // ---- the network ----

    @Test
    void anAnswerSlowerThanTheTimeOutIsRetriedWithinTheTimeOut() throws Exception {
        platform = weCom("key-1", new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", Duration.ofSeconds(5)));
        RobotChannel channel = channel(ChannelType.WECOM, url("/cgi-bin/webhook/send?key=key-1"), null,
                Duration.ofMillis(300));

        long started = System.nanoTime();
        SendResult result = send(channel);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(result).isEqualTo(SendResult.retryable("No answer from the robot within 300 ms"));
        assertThat(onlyRequest().path()).isEqualTo("/cgi-bin/webhook/send");
    }

    @Test
    void aRobotNobodyListensForIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = send(channel(ChannelType.DINGTALK, "http://127.0.0.1:" + closedPort
                + "/robot/send?access_token=tok123", SECRET, Duration.ofSeconds(2)));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.detail()).startsWith("Cannot reach the robot: ").doesNotContain("tok123");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        platform = r -> new Answer(302, "", Duration.ZERO);

        SendResult result = send(channel(ChannelType.FEISHU, url("/hook"), SECRET, Duration.ofSeconds(5)));

        assertThat(result).isEqualTo(SendResult.rejected("HTTP 302"));
        assertThat(onlyRequest().path()).isEqualTo("/hook");
    }

    // ---- configuration ----

    @Test
    void onlyRobotTypesAreRobots() {
        assertThatThrownBy(() -> channel(ChannelType.WEBHOOK, url("/hook"), null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected channel 'team-webhook' to be FEISHU, DINGTALK or WECOM, but it is WEBHOOK");
    }

    @Test
    void aRobotNeedsAnHttpUrlAndTheMessageDoesNotQuoteIt() {
        assertThatThrownBy(() -> channel(ChannelType.DINGTALK, "ftp://example.com/robot?access_token=tok123", null,
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Expected channel 'team-dingtalk' to have an http(s) URL")
                .hasMessageContaining("but its scheme is 'ftp'")
                .hasMessageNotContaining("tok123");
        assertThatThrownBy(() -> channel(ChannelType.WECOM, null, null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected channel 'team-wecom' to have the robot's webhook URL, but it has none");
    }

    @Test
    void theChannelIsNamedAndTyped() {
        RobotChannel channel = channel(ChannelType.FEISHU, url("/hook"), null, Duration.ofSeconds(1));

        assertThat(channel.name()).isEqualTo("team-feishu");
        assertThat(channel.type()).isEqualTo(ChannelType.FEISHU);
    }
}
