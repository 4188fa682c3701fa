"""Exceptions: one class per FlowSocket error code, plus the client's own."""

import asyncio

__all__ = [
    "FlowSocketError", "ProtocolError", "error_from_reply",
    "MalformedJson", "MissingField", "InvalidField", "UnknownCommand", "Forbidden", "Busy",
    "DuplicateId", "UnknownDevice", "UnknownPort", "UnknownHost", "UnknownFlow", "DuplicateNode",
    "DuplicateFlow", "NoPath", "NoCapacity", "FlowRefused", "ConfirmTimeout", "TooLarge", "Unavailable",
    "InternalError", "RequestTimeout", "ConnectionLost", "HandshakeError",
    "AuthenticationError", "ClientClosed",
]


class FlowSocketError(Exception):
    """Base of every exception this package raises."""


class ProtocolError(FlowSocketError):
    """The server answered a request with an error reply (``status: error``).

    ``code`` is the stable error code, ``message`` the text for people,
    ``field`` the path of the offending field (or None), ``details`` the
    structured data some codes carry (or None), ``flow_id`` the flow handle the
    error is about (or None) and ``reply`` the whole reply message.
    A code this package does not know yet raises ProtocolError itself.
    """

    code = None

    def __init__(self, code, message, field=None, details=None, flow_id=None, reply=None):
        super().__init__("%s: %s" % (code, message) + (" (field %s)" % field if field else ""))
        self.code = code
        self.message = message
        self.field = field
        self.details = details
        self.flow_id = flow_id
        self.reply = reply


class MalformedJson(ProtocolError):
    code = "MALFORMED_JSON"


class MissingField(ProtocolError):
    code = "MISSING_FIELD"


class InvalidField(ProtocolError):
    code = "INVALID_FIELD"


class UnknownCommand(ProtocolError):
    code = "UNKNOWN_COMMAND"


class Forbidden(ProtocolError):
    code = "FORBIDDEN"


class Busy(ProtocolError):
    code = "BUSY"


class DuplicateId(ProtocolError):
    code = "DUPLICATE_ID"


class UnknownDevice(ProtocolError):
    code = "UNKNOWN_DEVICE"


class UnknownPort(ProtocolError):
    code = "UNKNOWN_PORT"


class UnknownHost(ProtocolError):
    code = "UNKNOWN_HOST"


class UnknownFlow(ProtocolError):
    code = "UNKNOWN_FLOW"


class DuplicateNode(ProtocolError):
    code = "DUPLICATE_NODE"


class DuplicateFlow(ProtocolError):
    code = "DUPLICATE_FLOW"


class NoPath(ProtocolError):
    code = "NO_PATH"


class NoCapacity(ProtocolError):
    code = "NO_CAPACITY"


class FlowRefused(ProtocolError):
    code = "FLOW_REFUSED"


class ConfirmTimeout(ProtocolError):
    code = "CONFIRM_TIMEOUT"


class TooLarge(ProtocolError):
    code = "TOO_LARGE"


class Unavailable(ProtocolError):
    code = "UNAVAILABLE"


class InternalError(ProtocolError):
    code = "INTERNAL_ERROR"


_BY_CODE = {cls.code: cls for cls in ProtocolError.__subclasses__()}


def error_from_reply(reply):
    """The exception for an error reply (a dict with ``error``)."""
    error = reply.get("error") or {}
    code = error.get("code", "")
    cls = _BY_CODE.get(code, ProtocolError)
    return cls(code, error.get("message", ""), field=error.get("field"),
               details=error.get("details"), flow_id=error.get("flowId"), reply=reply)


class RequestTimeout(FlowSocketError, asyncio.TimeoutError):
    """No reply came within the client's timeout. The request may still run
    on the server; its late reply is dropped."""


class ConnectionLost(FlowSocketError, ConnectionError):
    """The connection ended while a request waited for its reply (the request
    may or may not have run), or it is gone and no reconnection is allowed.
    ``code`` and ``reason`` are the WebSocket close code and reason, if any."""

    def __init__(self, message, code=None, reason=None):
        super().__init__(message)
        self.code = code
        self.reason = reason


class HandshakeError(FlowSocketError, ConnectionError):
    """The server refused the WebSocket handshake; ``status`` is the HTTP status."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class AuthenticationError(HandshakeError):
    """HTTP 401 (no or wrong credentials) or 403 (no FlowSocket role) at the handshake."""


class ClientClosed(FlowSocketError):
    """The client was closed by its owner."""
