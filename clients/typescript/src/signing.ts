/**
 * How a caller application signs a request, as Baton's services check it: the lowercase hex HMAC-SHA256, keyed with
 * the application's secret, of
 *
 *     METHOD \n PATH[?QUERY] \n TIMESTAMP \n NONCE \n USER \n SHA256_HEX(BODY)
 *
 * sent with the app id, the timestamp (epoch seconds), a fresh nonce and the acting user in the X-Baton-* headers.
 * WebCrypto does the hashing, so the same code runs in browsers (on https or localhost) and in Node 20+.
 */
export const HEADERS = {
  app: "X-Baton-App",
  timestamp: "X-Baton-Timestamp",
  nonce: "X-Baton-Nonce",
  user: "X-Baton-User",
  signature: "X-Baton-Signature",
} as const;

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The canonical string a request is signed over. */
export async function canonical(method: string, pathAndQuery: string, timestamp: string, nonce: string,
                                user: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = hex(await crypto.subtle.digest("SHA-256", body));
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${user}\n${digest}`;
}

/** The signature of {@link canonical}'s string under the application's secret. */
export async function sign(secret: string, canonicalString: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" },
    false, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(canonicalString)));
}

/** The five headers that sign a request to {@code url} for {@code user}. */
export async function signatureHeaders(appId: string, secret: string, user: string, method: string, url: string,
                                       body: string | undefined, now: Date = new Date()): Promise<Record<string, string>> {
  const target = new URL(url);
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const nonce = crypto.randomUUID();
  const bytes = body === undefined ? new Uint8Array() : encoder.encode(body);
  const signature = await sign(secret, await canonical(method, target.pathname + target.search, timestamp, nonce,
    user, bytes));
  return {
    [HEADERS.app]: appId,
    [HEADERS.timestamp]: timestamp,
    [HEADERS.nonce]: nonce,
    [HEADERS.user]: user,
    [HEADERS.signature]: signature,
  };
}
