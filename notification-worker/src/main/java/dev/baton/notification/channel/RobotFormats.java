package dev.baton.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.api.auth.RequestSigning;
import dev.baton.engine.BatonJson;
import dev.baton.notification.recipient.Recipient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the chat robots of {@link RobotChannel} are sent and what their answers mean, in each platform's documented
 * custom group robot format:
 * <ul>
 *   <li><b>Feishu/Lark custom bot</b>: a {@code post} (rich text) message, the subject as its title, the body as a
 *       text paragraph and, when the recipient has a {@code feishu} id, a paragraph mentioning them. A bot with a
 *       secret gets {@code timestamp} (epoch seconds, as a string) and {@code sign} in the body: Base64 of the
 *       HmacSHA256 whose key is {@code timestamp + "\n" + secret}, over an empty message. It answers
 *       {@code {"code":0,"msg":"success"}} (older bots {@code {"StatusCode":0,...}}); 9499 is its rate limit,
 *       19021 a bad signature, 19024 a keyword mismatch.</li>
 *   <li><b>DingTalk custom robot</b>: a {@code markdown} message, the subject as its title and heading, the recipient
 *       mentioned by {@code atMobiles} / {@code atUserIds}, each also written as {@code @...} in the text (DingTalk
 *       only notifies mentions the text carries). A robot with a secret is posted to its URL plus
 *       {@code &timestamp=<epoch millis>&sign=<sign>}, the sign being Base64 of the HmacSHA256, with the secret as
 *       key, of {@code timestamp + "\n" + secret}, URL-encoded (UTF-8). It answers
 *       {@code {"errcode":0,"errmsg":"ok"}}; 130101 and 410100 mean sending too fast, -1 busy; 310000 is a bad
 *       signature, keyword or IP, 300001 a bad token.</li>
 *   <li><b>WeCom group robot</b>: a {@code text} message, {@code subject + "\n" + body}, the recipient mentioned by
 *       {@code mentioned_list} (their {@code wecom} userid) and {@code mentioned_mobile_list}. Its key is in its URL
 *       and nothing is signed. It answers {@code {"errcode":0,"errmsg":"ok"}}; 45009 is its rate limit, -1 busy,
 *       93000 an invalid webhook key.</li>
 * </ul>
 * Texts over a platform's limit are cut, with "…", rather than refused: WeCom text content is at most 2048 bytes,
 * DingTalk's text 20000 bytes, and a Feishu request at most 20 KB (so its text is cut well below, leaving room for
 * JSON escapes). Mentions are never cut off.
 * <p>
 * An answer is read so: 408, 429 and 5xx are worth another try whatever the body; a JSON body with the platform's
 * code says the rest (zero sent, a rate limit or "busy" code retryable, any other code rejected, with code and
 * message in the detail); a body without one is judged by its HTTP status alone ({@link SendResult#forStatus}).
 */
public final class RobotFormats {
    /** WeCom's limit of a text message's content. */
    static final int WECOM_MAX_TEXT_BYTES = 2048;
    /** DingTalk's limit of a message's text. */
    static final int DINGTALK_MAX_TEXT_BYTES = 20_000;
    /** Feishu limits the whole request to 20 KB; this leaves room for the envelope and escaped characters. */
    static final int FEISHU_MAX_TEXT_BYTES = 15_000;
    /** Titles are a line in a chat: long ones are cut. */
    static final int MAX_TITLE_BYTES = 256;

    static final Set<Long> FEISHU_BUSY = Set.of(9499L);
    static final Set<Long> DINGTALK_BUSY = Set.of(130101L, 410100L, -1L);
    static final Set<Long> WECOM_BUSY = Set.of(45009L, -1L);

    private static final String ELLIPSIS = "…";
    private static final ObjectMapper JSON = BatonJson.mapper();

    private RobotFormats() {
    }

    // ---- Feishu/Lark ----

    /** The body of a Feishu/Lark custom bot message; signed with {@code now} when the bot has a secret. */
    public static ObjectNode feishuBody(Message message, String secret, Instant now) {
        ObjectNode body = JSON.createObjectNode();
        if (secret != null) {
            long timestamp = now.getEpochSecond();
            body.put("timestamp", Long.toString(timestamp));
            body.put("sign", feishuSign(timestamp, secret));
        }
        body.put("msg_type", "post");
        ObjectNode post = body.putObject("content").putObject("post").putObject("zh_cn");
        post.put("title", title(message));
        ArrayNode paragraphs = post.putArray("content");
        paragraphs.addArray().addObject().put("tag", "text")
                .put("text", truncate(text(message.body()), FEISHU_MAX_TEXT_BYTES));
        contact(message, "feishu").ifPresent(id -> paragraphs.addArray().addObject().put("tag", "at")
                .put("user_id", id));
        return body;
    }

    /** Base64 of HmacSHA256 with key {@code timestamp + "\n" + secret} over an empty message. */
    public static String feishuSign(long timestampSeconds, String secret) {
        return base64(RequestSigning.hmacSha256((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    /** A Feishu/Lark bot's answer: {@code code} (or an older bot's {@code StatusCode}) and {@code msg}. */
    public static SendResult feishuResult(int status, String body) {
        return result("Feishu", status, body, answer(body, "code", "StatusCode", "msg", "StatusMessage"),
                FEISHU_BUSY);
    }

    // ---- DingTalk ----

    /** The body of a DingTalk custom robot message. */
    public static ObjectNode dingTalkBody(Message message) {
        Optional<String> mobile = contact(message, "mobile");
        Optional<String> userId = contact(message, "dingtalk");
        List<String> mentions = new ArrayList<>();
        mobile.ifPresent(m -> mentions.add("@" + m));
        userId.ifPresent(id -> mentions.add("@" + id));
        String tail = mentions.isEmpty() ? "" : "\n\n" + String.join(" ", mentions);
        String title = title(message);
        String text = truncate("### " + title + "\n\n" + text(message.body()),
                DINGTALK_MAX_TEXT_BYTES - utf8Length(tail)) + tail;

        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("title", title).put("text", text);
        ObjectNode at = body.putObject("at");
        mobile.ifPresent(m -> at.putArray("atMobiles").add(m));
        userId.ifPresent(id -> at.putArray("atUserIds").add(id));
        at.put("isAtAll", false);
        return body;
    }

    /**
     * Where to post a DingTalk robot's message: its URL, plus {@code timestamp} (epoch millis of {@code now}) and the
     * URL-encoded {@code sign} when the robot has a secret.
     */
    public static String dingTalkUrl(String url, String secret, Instant now) {
        if (secret == null) {
            return url;
        }
        long timestamp = now.toEpochMilli();
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp
                + "&sign=" + URLEncoder.encode(dingTalkSign(timestamp, secret), StandardCharsets.UTF_8);
    }

    /** Base64 of HmacSHA256 with the secret as key over {@code timestamp + "\n" + secret} (not yet URL-encoded). */
    public static String dingTalkSign(long timestampMillis, String secret) {
        return base64(RequestSigning.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** A DingTalk robot's answer: {@code errcode} and {@code errmsg}. */
    public static SendResult dingTalkResult(int status, String body) {
        return result("DingTalk", status, body, answer(body, "errcode", null, "errmsg", null), DINGTALK_BUSY);
    }

    // ---- WeCom ----

    /** The body of a WeCom group robot message. */
    public static ObjectNode weComBody(Message message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "text");
        ObjectNode text = body.putObject("text");
        text.put("content", truncate(title(message) + "\n" + text(message.body()), WECOM_MAX_TEXT_BYTES));
        contact(message, "wecom").ifPresent(id -> text.putArray("mentioned_list").add(id));
        contact(message, "mobile").ifPresent(m -> text.putArray("mentioned_mobile_list").add(m));
        return body;
    }

    /** A WeCom robot's answer: {@code errcode} and {@code errmsg}. */
    public static SendResult weComResult(int status, String body) {
        return result("WeCom", status, body, answer(body, "errcode", null, "errmsg", null), WECOM_BUSY);
    }

    // ---- shared ----

    /** The answer of a robot of {@code type}. */
    public static SendResult result(ChannelType type, int status, String body) {
        return switch (type) {
            case FEISHU -> feishuResult(status, body);
            case DINGTALK -> dingTalkResult(status, body);
            case WECOM -> weComResult(status, body);
            default -> throw new IllegalArgumentException("Expected a robot channel type, but got " + type);
        };
    }

    /** The JSON to post. */
    public static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a robot message", e);
        }
    }

    /** {@code text} cut to at most {@code maxBytes} UTF-8 bytes, ending in "…" when cut; never mid-character. */
    static String truncate(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int budget = Math.max(0, maxBytes - utf8Length(ELLIPSIS));
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(codePoint);
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    static int utf8Length(String text) {
        return text.codePoints().map(RobotFormats::utf8Length).sum();
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /** A robot's code and message, when its body is a JSON object with a code. */
    record Answer(long code, String message) {
    }

    static Optional<Answer> answer(String body, String codeField, String oldCodeField, String messageField,
                                   String oldMessageField) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        boolean current = isCode(node.get(codeField));
        if (!current && (oldCodeField == null || !isCode(node.get(oldCodeField)))) {
            return Optional.empty();
        }
        JsonNode code = node.get(current ? codeField : oldCodeField);
        JsonNode message = node.get(current ? messageField : oldMessageField);
        return Optional.of(new Answer(code.asLong(), message == null || message.isNull() ? "" : message.asText()));
    }

    private static boolean isCode(JsonNode node) {
        return node != null && (node.isIntegralNumber() || node.isTextual() && node.asText().matches("-?\\d{1,18}"));
    }

    private static SendResult result(String robot, int status, String body, Optional<Answer> answer,
                                     Set<Long> busyCodes) {
        if (status == 408 || status == 429 || status >= 500 || answer.isEmpty() || answer.get().code() == 0) {
            return SendResult.forStatus(status, body);
        }
        Answer refusal = answer.get();
        String detail = robot + " answered " + (status >= 200 && status < 300 ? "" : "HTTP " + status + " ")
                + "code " + refusal.code() + (refusal.message().isBlank() ? "" : ": " + refusal.message());
        return busyCodes.contains(refusal.code()) ? SendResult.retryable(detail) : SendResult.rejected(detail);
    }

    private static String title(Message message) {
        return truncate(text(message.subject()).strip(), MAX_TITLE_BYTES);
    }

    private static String text(String text) {
        return text == null ? "" : text;
    }

    private static Optional<String> contact(Message message, String key) {
        Recipient recipient = message.recipient();
        return recipient == null ? Optional.empty() : recipient.contact(key).map(String::strip);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
