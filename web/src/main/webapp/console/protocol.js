/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// A small client of FlowSocket's public WebSocket protocol (flowsocket.v1):
// one connection, requests matched to replies by id, events by topic with
// gap detection on seq. Nothing here knows about the page.

export const SUBPROTOCOL = 'flowsocket.v1';

// Close codes the server sends (docs/connecting.md), in words.
const CLOSE_REASONS = {
    1000: 'the session ended normally',
    1001: 'the server is going away',
    1002: 'the connection broke the WebSocket framing rules',
    1003: 'the server accepts text frames only',
    1006: 'the connection was lost without a close frame',
    1007: 'a text frame was not valid UTF-8',
    1008: 'the client read too slowly (outbound queue full)',
    1009: 'a message was larger than the server allows',
    1011: 'an unexpected failure in the server',
};

// HTTP statuses of the handshake (docs/connecting.md), in words.
const HANDSHAKE_STATUS = {
    400: 'the server supports none of the offered subprotocols',
    401: 'not logged in: the server wants HTTP BASIC credentials',
    403: 'refused: this user has neither the admin nor the viewer role',
    429: 'this user or this address has as many sessions as allowed, or this address made too many failed logins',
    503: 'the server is full (maxSessions) or FlowSocket is not active',
};

/** Describes a close code in words. */
export function describeClose(code, reason) {
    const words = CLOSE_REASONS[code] || 'closed';
    return `${code} ${words}${reason ? ` (${reason})` : ''}`;
}

/** The WebSocket URL next to the page: ws:// or wss:// from the page's own scheme. */
export function socketUrl(base = document.baseURI) {
    const url = new URL('ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    url.search = '';
    return url.toString();
}

/** An error reply of the protocol: code, message, field and details as the server sent them. */
export class FlowSocketError extends Error {
    constructor(reply) {
        const e = (reply && reply.error) || {};
        super(e.message || 'unknown error');
        this.name = 'FlowSocketError';
        this.code = e.code || 'INTERNAL_ERROR';
        this.field = e.field;
        this.details = e.details;
        this.request = reply && reply.type;
        this.id = reply && reply.id;
    }

    /** The error in words, as the protocol states it. */
    describe() {
        return `${this.code}: ${this.message}${this.field ? ` (field ${this.field})` : ''}`;
    }
}

/**
 * One FlowSocket connection. Emits (as DOM events on itself):
 * "state" {state, text}, "hello" {hello}, "event" {message}, "gap" {expected, got},
 * "reply" {reply, request}, "sent" {request}.
 */
export class FlowSocketClient extends EventTarget {
    constructor(url, {reconnect = true, maxDelayMs = 30000} = {}) {
        super();
        this.url = url;
        this.reconnect = reconnect;
        this.maxDelayMs = maxDelayMs;
        this.pending = new Map();
        this.nextId = 1;
        this.hello = null;
        this.seq = 0;
        this.delayMs = 1000;
        this.ws = null;
        this.stopped = false;
        this.state = 'idle';
    }

    /** Opens the connection (again). */
    connect() {
        this.stopped = false;
        clearTimeout(this.retryTimer);
        this.setState('connecting', `Connecting to ${this.url}`);
        let ws;
        try {
            ws = new WebSocket(this.url, SUBPROTOCOL);
        } catch (e) {
            this.setState('failed', `Cannot open ${this.url}: ${e.message}`);
            return;
        }
        this.ws = ws;
        let opened = false;
        ws.onopen = () => {
            opened = true;
            this.delayMs = 1000;
            this.seq = 0;
            this.setState('open', 'Connected, waiting for the hello message');
        };
        ws.onmessage = (m) => this.onMessage(m.data);
        ws.onclose = (c) => {
            if (this.ws !== ws) {
                return;
            }
            this.ws = null;
            this.hello = null;
            this.failPending(c.code, c.reason);
            if (!opened) {
                this.explainRefusal();
            } else {
                this.setState('closed', `Disconnected: ${describeClose(c.code, c.reason)}`, c.code);
            }
            this.scheduleReconnect();
        };
    }

    /** Closes the connection and stops reconnecting. */
    close() {
        this.stopped = true;
        clearTimeout(this.retryTimer);
        if (this.ws) {
            const ws = this.ws;
            this.ws = null;
            ws.close(1000, 'closed by the user');
        }
        this.failPending(1000, 'closed by the user');
        this.setState('closed', 'Disconnected (closed by the user)', 1000);
    }

    /**
     * Sends a request and resolves with the reply's result; rejects with a
     * FlowSocketError carrying the protocol's error code and message.
     */
    request(type, fields = {}) {
        if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
            return Promise.reject(new FlowSocketError({type, error: {
                code: 'UNAVAILABLE', message: 'not connected to FlowSocket'}}));
        }
        const id = `c${this.nextId++}`;
        const request = Object.assign({type, id}, fields);
        return new Promise((resolve, reject) => {
            this.pending.set(id, {request, resolve, reject});
            this.ws.send(JSON.stringify(request));
            this.emit('sent', {request});
        });
    }

    onMessage(text) {
        let msg;
        try {
            msg = JSON.parse(text);
        } catch (e) {
            this.emit('protocol-error', {text: `unreadable message from the server: ${e.message}`});
            return;
        }
        if (msg.kind === 'hello') {
            this.hello = msg;
            this.setState('ready', `Connected as ${msg.user} (${msg.role})`);
            this.emit('hello', {hello: msg});
        } else if (msg.kind === 'reply') {
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            this.emit('reply', {reply: msg, request: p && p.request});
            if (!p) {
                if (msg.status === 'error') {
                    this.emit('protocol-error', {error: new FlowSocketError(msg)});
                }
                return;
            }
            if (msg.status === 'ok') {
                p.resolve(msg.result);
            } else {
                p.reject(new FlowSocketError(msg));
            }
        } else if (msg.kind === 'event') {
            if (typeof msg.seq === 'number') {
                if (msg.seq !== this.seq + 1) {
                    this.emit('gap', {expected: this.seq + 1, got: msg.seq});
                }
                this.seq = msg.seq;
            }
            this.emit('event', {message: msg});
        }
    }

    failPending(code, reason) {
        for (const [, p] of this.pending) {
            p.reject(new FlowSocketError({type: p.request.type, id: p.request.id, error: {
                code: 'UNAVAILABLE', message: `connection closed before the reply: ${describeClose(code, reason)}`}}));
        }
        this.pending.clear();
    }

    // A browser hides the handshake's HTTP status; ask the same URL over
    // plain HTTP (same credentials) to say in words why the socket failed.
    async explainRefusal() {
        let text = `Cannot connect to ${this.url}`;
        try {
            const http = this.url.replace(/^ws/, 'http');
            const r = await fetch(http, {credentials: 'same-origin', cache: 'no-store'});
            if (HANDSHAKE_STATUS[r.status]) {
                text += `: HTTP ${r.status}, ${HANDSHAKE_STATUS[r.status]}`;
            } else if (r.status === 426) {
                text += ': the endpoint is up and the credentials are accepted, but the upgrade was refused'
                    + ' (is this page\'s origin in allowedOrigins?)';
            } else {
                text += `: HTTP ${r.status}`;
            }
        } catch (e) {
            text += ': the server cannot be reached';
        }
        this.setState('failed', text);
    }

    scheduleReconnect() {
        if (this.stopped || !this.reconnect) {
            return;
        }
        const delay = this.delayMs;
        this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
        this.retryAt = Date.now() + delay;
        this.emit('retry', {delayMs: delay});
        this.retryTimer = setTimeout(() => this.connect(), delay);
    }

    setState(state, text, code) {
        this.state = state;
        this.emit('state', {state, text, code});
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, {detail}));
    }
}
