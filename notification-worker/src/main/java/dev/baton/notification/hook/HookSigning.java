package dev.baton.notification.hook;

import dev.baton.api.auth.RequestSigning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * How hook calls and callbacks are signed: {@code X-Baton-Signature: sha256=<hex>} where hex is the HMAC-SHA256, with
 * the hook's secret, of {@code <X-Baton-Timestamp>.<body>}; the timestamp is in epoch seconds.
 */
public final class HookSigning {
    public static final String SIGNATURE = "X-Baton-Signature";
    public static final String TIMESTAMP = "X-Baton-Timestamp";
    public static final String DELIVERY = "X-Baton-Delivery";

    private HookSigning() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "sha256=" + HexFormat.of().formatHex(
                RequestSigning.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    /** Constant-time comparison of a received signature with the expected one. */
    public static boolean matches(String secret, String timestamp, byte[] body, String signature) {
        if (signature == null || timestamp == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
