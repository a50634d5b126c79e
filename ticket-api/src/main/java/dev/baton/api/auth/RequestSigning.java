package dev.baton.api.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a caller application signs a request. The signature is the lowercase hex HMAC-SHA256, keyed with the app's
 * secret, of the canonical string
 * <pre>
 * METHOD \n PATH[?QUERY] \n TIMESTAMP \n NONCE \n USER \n SHA256_HEX(BODY)
 * </pre>
 * sent in these headers with the app id, the timestamp (epoch seconds), a fresh nonce per request and the acting user.
 */
public final class RequestSigning {
    public static final String APP = "X-Baton-App";
    public static final String TIMESTAMP = "X-Baton-Timestamp";
    public static final String NONCE = "X-Baton-Nonce";
    public static final String USER = "X-Baton-User";
    public static final String SIGNATURE = "X-Baton-Signature";

    private RequestSigning() {
    }

    public static String canonical(String method, String pathAndQuery, String timestamp, String nonce, String user,
                                   byte[] body) {
        return method.toUpperCase() + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n"
                + (user == null ? "" : user) + "\n" + sha256Hex(body == null ? new byte[0] : body);
    }

    public static String sign(String secret, String canonical) {
        return HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The HMAC-SHA256 of {@code message} under {@code key}; Baton's hooks and chat robots sign with it too. */
    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison of two hex signatures. */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
