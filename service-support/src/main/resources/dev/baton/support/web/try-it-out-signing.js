/*
 * Baton: Swagger UI's "Try it out" signs each request (served only where baton.api.try-it-out-signing=true, as in
 * the standalone). Authorize once with the application id, the user and, in the signature field, the application's
 * secret; each request then gets a fresh timestamp and nonce, and its signature replaces the secret, computed as
 * dev.baton.api.auth.RequestSigning does:
 *
 *   lowercase hex HMAC-SHA256(secret, METHOD \n PATH[?QUERY] \n TIMESTAMP \n NONCE \n USER \n SHA256_HEX(BODY))
 *
 * WebCrypto needs a secure context: https, or http on localhost.
 */
(function (global) {
    'use strict';
    const APP = 'X-Baton-App';
    const TIMESTAMP = 'X-Baton-Timestamp';
    const NONCE = 'X-Baton-Nonce';
    const USER = 'X-Baton-User';
    const SIGNATURE = 'X-Baton-Signature';
    const utf8 = new TextEncoder();

    function hex(buffer) {
        return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
    }

    function bytes(body) {
        if (body === undefined || body === null) {
            return new Uint8Array(0);
        }
        if (typeof body === 'string') {
            return utf8.encode(body);
        }
        if (body instanceof ArrayBuffer) {
            return new Uint8Array(body);
        }
        if (ArrayBuffer.isView(body)) {
            return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        }
        return utf8.encode(JSON.stringify(body));
    }

    /** The canonical string of a request; the body as sent (a string, bytes, or nothing). */
    async function canonical(method, pathAndQuery, timestamp, nonce, user, body) {
        const bodyHash = hex(await global.crypto.subtle.digest('SHA-256', bytes(body)));
        return method.toUpperCase() + '\n' + pathAndQuery + '\n' + timestamp + '\n' + nonce + '\n'
            + (user === undefined || user === null ? '' : user) + '\n' + bodyHash;
    }

    /** The lowercase hex HMAC-SHA256 of the canonical string, keyed with the secret's UTF-8 bytes. */
    async function sign(secret, canonicalString) {
        const key = await global.crypto.subtle.importKey('raw', utf8.encode(secret),
            {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']);
        return hex(await global.crypto.subtle.sign('HMAC', key, utf8.encode(canonicalString)));
    }

    /** The header's name as the request spells it, whatever its case. */
    function named(headers, name) {
        return Object.keys(headers).find(key => key.toLowerCase() === name.toLowerCase()) || name;
    }

    /**
     * Swagger UI's request interceptor: a request that carries an app id and a secret (from the Authorize dialog) is
     * signed; any other (the description itself, a public path) goes as it is.
     */
    async function intercept(request) {
        const headers = request.headers || {};
        const app = headers[named(headers, APP)];
        const secret = headers[named(headers, SIGNATURE)];
        if (!app || !secret) {
            return request;
        }
        const url = new URL(request.url, global.location ? global.location.href : undefined);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const nonce = global.crypto.randomUUID();
        const user = headers[named(headers, USER)];
        headers[named(headers, TIMESTAMP)] = timestamp;
        headers[named(headers, NONCE)] = nonce;
        headers[named(headers, SIGNATURE)] = await sign(secret,
            await canonical(request.method || 'GET', url.pathname + url.search, timestamp, nonce, user, request.body));
        request.headers = headers;
        return request;
    }

    global.batonTryItOut = {canonical, sign, intercept};
})(globalThis);
