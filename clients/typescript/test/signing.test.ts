import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { canonical, sign, signatureHeaders, HEADERS } from "../src/signing";

// node:crypto computes the same HMAC and digest independently of WebCrypto, which the SDK uses
function expected(secret: string, method: string, path: string, ts: string, nonce: string, user: string, body: string) {
  const digest = createHash("sha256").update(body, "utf8").digest("hex");
  return createHmac("sha256", secret).update(`${method}\n${path}\n${ts}\n${nonce}\n${user}\n${digest}`, "utf8").digest("hex");
}

test("signs method, raw path and query, timestamp, nonce, user and the body's digest", async () => {
  const body = JSON.stringify({ title: "年假", days: 2 });
  const headers = await signatureHeaders("demo-oa", "s3cret", "alice", "post",
    "http://127.0.0.1:8082/tickets/t-1/handle?note=a%20b&x=%E5%B9%B4", body, new Date("2026-12-05T10:00:00Z"));
  assert.equal(headers[HEADERS.app], "demo-oa");
  assert.equal(headers[HEADERS.user], "alice");
  assert.equal(headers[HEADERS.timestamp], "1796464800");
  assert.equal(headers[HEADERS.signature], expected("s3cret", "POST", "/tickets/t-1/handle?note=a%20b&x=%E5%B9%B4",
    "1796464800", headers[HEADERS.nonce], "alice", body));
});

test("a request without a body signs the empty body, and each request has its own nonce", async () => {
  const first = await signatureHeaders("demo-oa", "s3cret", "lena", "GET", "http://127.0.0.1:8083/tickets/todo", undefined);
  const second = await signatureHeaders("demo-oa", "s3cret", "lena", "GET", "http://127.0.0.1:8083/tickets/todo", undefined);
  assert.notEqual(first[HEADERS.nonce], second[HEADERS.nonce]);
  assert.equal(first[HEADERS.signature], expected("s3cret", "GET", "/tickets/todo", first[HEADERS.timestamp],
    first[HEADERS.nonce], "lena", ""));
  assert.equal(await sign("k", await canonical("get", "/x", "1", "n", "u", new TextEncoder().encode(""))),
    expected("k", "GET", "/x", "1", "n", "u", ""));
});
