"""The WebSocket connection, over the ``websockets`` package.

Debian 12 ships websockets 10.4, whose ``connect`` takes ``extra_headers``;
websockets 14 and later take ``additional_headers``. Both answer the server's
pings by themselves while a task reads the connection.
"""

import base64
import inspect
import urllib.parse

import websockets
import websockets.exceptions

from .errors import AuthenticationError, HandshakeError

SUBPROTOCOL = "flowsocket.v1"

# Replies may be as large as the server's maxQueuedBytes (16 Mi characters by default).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024

ConnectionClosed = websockets.exceptions.ConnectionClosed


def _headers_keyword():
    try:
        parameters = inspect.signature(websockets.connect).parameters
    except (TypeError, ValueError):
        parameters = {}
    if not parameters or "self" in parameters or "uri" not in parameters:
        parameters = inspect.signature(websockets.connect.__init__).parameters
    return "additional_headers" if "additional_headers" in parameters else "extra_headers"


_HEADERS_KEYWORD = _headers_keyword()


def credentials(url, user, password):
    """The URL without user information, and the Authorization header value
    (user and password given as arguments win over those in the URL)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("ws", "wss"):
        raise ValueError("the URL must start with ws:// or wss://: %r" % url)
    if user is None and parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = "[%s]" % netloc
    if parts.port is not None:
        netloc += ":%d" % parts.port
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    if user is None:
        return clean, None
    token = base64.b64encode(("%s:%s" % (user, password or "")).encode("utf-8")).decode("ascii")
    return clean, "Basic " + token


async def open_connection(url, authorization, open_timeout, ping_interval, ssl=None):
    """Opens a connection offering ``flowsocket.v1``; raises HandshakeError
    (AuthenticationError for HTTP 401 and 403) when the server refuses it."""
    headers = {"Authorization": authorization} if authorization else {}
    options = {_HEADERS_KEYWORD: headers, "subprotocols": [SUBPROTOCOL],
               "open_timeout": open_timeout, "ping_interval": ping_interval,
               "ping_timeout": ping_interval, "max_size": MAX_MESSAGE_BYTES,
               "close_timeout": 5}
    if ssl is not None:
        options["ssl"] = ssl
    try:
        return await websockets.connect(url, **options)
    except websockets.exceptions.InvalidHandshake as e:
        status = _status(e)
        if status in (401, 403):
            raise AuthenticationError("the server refused the credentials (HTTP %d)" % status,
                                      status) from None
        raise HandshakeError("the server refused the WebSocket handshake (%s)"
                             % (("HTTP %d" % status) if status else e), status) from None


def _status(handshake_error):
    status = getattr(handshake_error, "status_code", None)  # websockets < 14
    if status is None:
        response = getattr(handshake_error, "response", None)  # websockets >= 14
        status = getattr(response, "status_code", None)
    return status


def close_info(closed):
    """(code, reason) of a ConnectionClosed exception: 1006 when no close frame came."""
    frame = getattr(closed, "rcvd", None)
    if frame is not None:
        return frame.code, frame.reason
    return 1006, ""


def abort(connection):
    """Drops the TCP connection without a close frame (as a network failure would)."""
    transport = getattr(connection, "transport", None)
    if transport is not None:
        transport.abort()
