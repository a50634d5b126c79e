package dev.baton.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.BatonJson;
import dev.baton.notification.channel.SendResult.Outcome;
import dev.baton.notification.recipient.Recipient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RobotFormatsTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String SECRET = "SEC0123456789abcdef";
    static final Recipient ADA = new Recipient("ada", "Ada Lovelace", "ada@example.com", Map.of(
            "mobile", "13800000001", "feishu", "ou_ada", "dingtalk", "ding_ada", "wecom", "ada.l"));
    static final Recipient BOB = new Recipient("bob", null, null);

    static Message message(Recipient recipient) {
        return new Message("d-1", "t-1", "Leave request #42 approved", "Your leave from 1 to 3 May was approved.",
                recipient, "{}");
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static String hmacBase64(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message));
    }

    @Nested
    class Feishu {
        @Test
        void aSignedPostMentionsTheRecipientByTheirFeishuId() throws Exception {
            Instant now = Instant.ofEpochSecond(1_700_000_000L);

            JsonNode body = RobotFormats.feishuBody(message(ADA), SECRET, now);

            assertThat(body).isEqualTo(json("""
                    {"timestamp": "1700000000", "sign": "PiO7POLlSx/DM2qf8Dy/XCWeJK3exVnevp5G99LEN2M=",
                     "msg_type": "post",
                     "content": {"post": {"zh_cn": {"title": "Leave request #42 approved", "content": [
                        [{"tag": "text", "text": "Your leave from 1 to 3 May was approved."}],
                        [{"tag": "at", "user_id": "ou_ada"}]]}}}}
                    """));
        }

        @Test
        void anUnsignedPostToSomeoneWithoutAFeishuIdHasNoTimestampSignOrMention() throws Exception {
            JsonNode body = RobotFormats.feishuBody(message(BOB), null, Instant.ofEpochSecond(1_700_000_000L));

            assertThat(body).isEqualTo(json("""
                    {"msg_type": "post",
                     "content": {"post": {"zh_cn": {"title": "Leave request #42 approved", "content": [
                        [{"tag": "text", "text": "Your leave from 1 to 3 May was approved."}]]}}}}
                    """));
        }

        @Test
        void theSignIsTheHmacKeyedByTimestampNewlineSecretOverNothing() throws Exception {
            String expected = hmacBase64(("1700000000\n" + SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]);

            assertThat(RobotFormats.feishuSign(1_700_000_000L, SECRET))
                    .isEqualTo(expected)
                    // as computed apart, with Python's hmac, the way the platform's sample does
                    .isEqualTo("PiO7POLlSx/DM2qf8Dy/XCWeJK3exVnevp5G99LEN2M=");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"code\":0,\"data\":{},\"msg\":\"success\"}",
                "{\"Extra\":null,\"StatusCode\":0,\"StatusMessage\":\"success\"}"})
        void codeZeroIsSent(String answer) {
            assertThat(RobotFormats.feishuResult(200, answer)).isEqualTo(SendResult.ok());
        }

        @Test
        void theRateLimitCodeIsRetried() {
            SendResult result = RobotFormats.feishuResult(200, "{\"code\":9499,\"msg\":\"too many request\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(result.detail()).isEqualTo("Feishu answered code 9499: too many request");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "19021|sign match fail or timestamp is not within one hour from current time",
                "19024|Key Words Not Found"})
        void aBadSignOrKeywordIsRejectedWithCodeAndMessage(long code, String msg) {
            SendResult result = RobotFormats.feishuResult(200,
                    "{\"code\":" + code + ",\"data\":{},\"msg\":\"" + msg + "\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.detail()).isEqualTo("Feishu answered code " + code + ": " + msg);
        }

        @Test
        void aRefusalUnderAnHttpErrorSaysBoth() {
            SendResult result = RobotFormats.feishuResult(400, "{\"code\":19002,\"msg\":\"params error\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.detail()).isEqualTo("Feishu answered HTTP 400 code 19002: params error");
        }

        @Test
        void http429IsRetriedWhateverTheBody() {
            assertThat(RobotFormats.feishuResult(429, "{\"code\":11232,\"msg\":\"frequency limited\"}").outcome())
                    .isEqualTo(Outcome.RETRYABLE);
        }
    }

    @Nested
    class DingTalk {
        static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_002L);

        @Test
        void aMarkdownMessageMentionsTheRecipientByMobileAndUserIdInTheTextAndTheAtLists() throws Exception {
            JsonNode body = RobotFormats.dingTalkBody(message(ADA));

            assertThat(body).isEqualTo(json("""
                    {"msgtype": "markdown",
                     "markdown": {"title": "Leave request #42 approved",
                                  "text": "### Leave request #42 approved\\n\\nYour leave from 1 to 3 May was approved.\\n\\n@13800000001 @ding_ada"},
                     "at": {"atMobiles": ["13800000001"], "atUserIds": ["ding_ada"], "isAtAll": false}}
                    """));
        }

        @Test
        void someoneWithoutContactsIsNotMentioned() throws Exception {
            JsonNode body = RobotFormats.dingTalkBody(message(BOB));

            assertThat(body).isEqualTo(json("""
                    {"msgtype": "markdown",
                     "markdown": {"title": "Leave request #42 approved",
                                  "text": "### Leave request #42 approved\\n\\nYour leave from 1 to 3 May was approved."},
                     "at": {"isAtAll": false}}
                    """));
        }

        @Test
        void onlyTheMobileIsMentionedWhenThatIsAllThereIs() {
            Recipient carol = new Recipient("carol", "Carol", null, Map.of("mobile", "13900000002"));

            JsonNode body = RobotFormats.dingTalkBody(message(carol));

            assertThat(body.at("/markdown/text").asText()).endsWith("approved.\n\n@13900000002");
            assertThat(body.at("/at/atMobiles").toString()).isEqualTo("[\"13900000002\"]");
            assertThat(body.at("/at").has("atUserIds")).isFalse();
        }

        @Test
        void theSignIsTheHmacKeyedBySecretOverTimestampNewlineSecret() throws Exception {
            String expected = hmacBase64(SECRET.getBytes(StandardCharsets.UTF_8),
                    ("1700000000002\n" + SECRET).getBytes(StandardCharsets.UTF_8));

            assertThat(RobotFormats.dingTalkSign(1_700_000_000_002L, SECRET))
                    .isEqualTo(expected)
                    // as computed apart, with Python's hmac, the way the platform's sample does
                    .isEqualTo("VGvd0brDJp/nMZtR+XnA3yBIlhowT+TwkRPua0q1/jg=");
        }

        @Test
        void aSignedUrlCarriesTheTimestampInMillisAndTheUrlEncodedSign() {
            String url = RobotFormats.dingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", SECRET,
                    NOW);

            assertThat(url).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000002"
                    + "&sign=VGvd0brDJp%2FnMZtR%2BXnA3yBIlhowT%2BTwkRPua0q1%2Fjg%3D");
            String sign = url.substring(url.indexOf("&sign=") + 6);
            assertThat(URLDecoder.decode(sign, StandardCharsets.UTF_8))
                    .isEqualTo(RobotFormats.dingTalkSign(1_700_000_000_002L, SECRET));
        }

        @Test
        void anUnsignedUrlIsLeftAsItIs() {
            assertThat(RobotFormats.dingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", null, NOW))
                    .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc");
        }

        @Test
        void aUrlWithoutAQueryGetsOne() {
            assertThat(RobotFormats.dingTalkUrl("http://localhost:8080/robot", SECRET, NOW))
                    .startsWith("http://localhost:8080/robot?timestamp=1700000000002&sign=");
        }

        @Test
        void errcodeZeroIsSent() {
            assertThat(RobotFormats.dingTalkResult(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"))
                    .isEqualTo(SendResult.ok());
        }

        @ParameterizedTest
        @ValueSource(longs = {130101, 410100, -1})
        void sendingTooFastOrABusyPlatformIsRetried(long code) {
            SendResult result = RobotFormats.dingTalkResult(200,
                    "{\"errcode\":" + code + ",\"errmsg\":\"send too fast\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(result.detail()).isEqualTo("DingTalk answered code " + code + ": send too fast");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "310000|sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]",
                "300001|token is not exist"})
        void aBadSignKeywordIpOrTokenIsRejected(long code, String msg) {
            SendResult result = RobotFormats.dingTalkResult(200,
                    "{\"errcode\":" + code + ",\"errmsg\":\"" + msg + "\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.detail()).isEqualTo("DingTalk answered code " + code + ": " + msg);
        }

        @ParameterizedTest
        @ValueSource(ints = {429, 500, 502, 503})
        void http429And5xxAreRetried(int status) {
            assertThat(RobotFormats.dingTalkResult(status, "<html>busy</html>").outcome())
                    .isEqualTo(Outcome.RETRYABLE);
        }

        @Test
        void aLongTextIsCutKeepingTheMentions() {
            Message message = new Message("d-1", "t-1", "Subject", "x".repeat(30_000), ADA, "{}");

            String text = RobotFormats.dingTalkBody(message).at("/markdown/text").asText();

            assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(20_000);
            assertThat(text).startsWith("### Subject\n\nxxx").endsWith("x…\n\n@13800000001 @ding_ada");
        }
    }

    @Nested
    class WeCom {
        @Test
        void aTextMessageMentionsTheRecipientByUseridAndMobile() throws Exception {
            JsonNode body = RobotFormats.weComBody(message(ADA));

            assertThat(body).isEqualTo(json("""
                    {"msgtype": "text",
                     "text": {"content": "Leave request #42 approved\\nYour leave from 1 to 3 May was approved.",
                              "mentioned_list": ["ada.l"], "mentioned_mobile_list": ["13800000001"]}}
                    """));
        }

        @Test
        void someoneWithoutContactsIsNotMentioned() throws Exception {
            JsonNode body = RobotFormats.weComBody(message(BOB));

            assertThat(body).isEqualTo(json("""
                    {"msgtype": "text",
                     "text": {"content": "Leave request #42 approved\\nYour leave from 1 to 3 May was approved."}}
                    """));
        }

        @Test
        void aLongTextIsCutToTheTextLimitWithoutSplittingACharacter() {
            Message message = new Message("d-1", "t-1", "工单已批准", "批".repeat(1_000), ADA, "{}");

            String content = RobotFormats.weComBody(message).at("/text/content").asText();

            assertThat(content.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(2048);
            assertThat(content).startsWith("工单已批准\n批批").endsWith("批…");
            assertThat(content.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2048 - 6);
        }

        @Test
        void errcodeZeroIsSent() {
            assertThat(RobotFormats.weComResult(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isEqualTo(SendResult.ok());
        }

        @Test
        void theFrequencyLimitIsRetried() {
            SendResult result = RobotFormats.weComResult(200,
                    "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(result.detail()).isEqualTo("WeCom answered code 45009: api freq out of limit");
        }

        @Test
        void anInvalidKeyIsRejected() {
            SendResult result = RobotFormats.weComResult(200,
                    "{\"errcode\":93000,\"errmsg\":\"invalid webhook url, hint: [1700000000_abc]\"}");

            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.detail()).startsWith("WeCom answered code 93000: invalid webhook url");
        }
    }

    @Nested
    class AnswersThatAreNotTheRobotsJson {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "FEISHU|200|SENT", "DINGTALK|200|SENT", "WECOM|204|SENT",
                "FEISHU|408|RETRYABLE", "DINGTALK|429|RETRYABLE", "WECOM|502|RETRYABLE",
                "FEISHU|404|REJECTED", "DINGTALK|403|REJECTED", "WECOM|400|REJECTED"})
        void areJudgedByTheirHttpStatus(ChannelType type, int status, Outcome outcome) {
            assertThat(RobotFormats.result(type, status, "<html>gateway says hi</html>").outcome())
                    .isEqualTo(outcome);
            assertThat(RobotFormats.result(type, status, "").outcome()).isEqualTo(outcome);
            assertThat(RobotFormats.result(type, status, "[1, 2]").outcome()).isEqualTo(outcome);
        }

        @Test
        void aRefusalKeepsTheStatusAndBodyInItsDetail() {
            assertThat(RobotFormats.result(ChannelType.WECOM, 404, "not found"))
                    .isEqualTo(SendResult.rejected("HTTP 404: not found"));
        }
    }

    @Nested
    class Truncation {
        @Test
        void aShortTextIsKept() {
            assertThat(RobotFormats.truncate("hello", 5)).isEqualTo("hello");
        }

        @Test
        void aLongTextEndsInAnEllipsisWithinTheLimit() {
            assertThat(RobotFormats.truncate("hello world", 8)).isEqualTo("hello…");
        }

        @Test
        void surrogatePairsAreNotSplit() {
            String cut = RobotFormats.truncate("😀😀😀", 9);

            assertThat(cut).isEqualTo("😀…");
            assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(7);
        }
    }
}
