#!/usr/bin/env python3
"""A small FlowSocket client with Python's standard library only.

    fsclient.py [--url ws://127.0.0.1:8181/onos/flowsocket/ws] [--user onos:rocks] REQUEST...

Each REQUEST is a JSON object (its "id" is added when missing); they are sent
in order over one connection and each reply is printed. Events that arrive
meanwhile are printed too (after a Subscribe). Exit status 1 if a reply has
"status": "error".
"""
import argparse
import base64
import json
import os
import socket
import struct
import sys
from urllib.parse import urlparse


class Client:
    def __init__(self, url, user):
        u = urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port or 80), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        auth = base64.b64encode(user.encode()).decode()
        self.sock.sendall((
            f"GET {u.path or '/'} HTTP/1.1\r\nHost: {u.hostname}:{u.port or 80}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: flowsocket.v1\r\n"
            f"Authorization: Basic {auth}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise SystemExit("connection closed during the handshake")
            head += chunk
        status = head.split(b"\r\n", 1)[0].decode()
        if " 101 " not in status:
            raise SystemExit(f"handshake refused: {status}")
        self.hello = json.loads(self.recv())

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise SystemExit("connection closed")
            data += chunk
        return data

    def recv(self):
        text = b""
        while True:
            b1, b2 = self._exact(2)
            length = b2 & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exact(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(length)
            opcode = b1 & 0x0F
            if opcode == 0x8:
                raise SystemExit("server closed the connection")
            if opcode == 0x9:  # ping: answer with pong
                self._send(0xA, payload)
                continue
            if opcode in (0x1, 0x0):
                text += payload
                if b1 & 0x80:
                    return text.decode()

    def _send(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        header = bytes([0x80 | opcode])
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def call(self, request):
        self._send(0x1, json.dumps(request).encode())
        while True:
            msg = json.loads(self.recv())
            print(json.dumps(msg, indent=2))
            if msg.get("kind") == "reply" and msg.get("id") == request["id"]:
                return msg


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", default="ws://127.0.0.1:8181/onos/flowsocket/ws")
    p.add_argument("--user", default="onos:rocks", help="NAME:PASSWORD")
    p.add_argument("requests", nargs="+", help="JSON requests")
    a = p.parse_args()
    c = Client(a.url, a.user)
    failed = False
    for i, text in enumerate(a.requests):
        req = json.loads(text)
        req.setdefault("id", f"r{i + 1}")
        failed |= c.call(req).get("status") == "error"
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
