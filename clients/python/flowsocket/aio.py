"""The asyncio client: ``async with flowsocket.aio.Client(url, user=..., password=...) as c``."""

import asyncio
import itertools
import json
import logging

from . import _transport
from .commands import Commands
from .errors import (AuthenticationError, ClientClosed, ConnectionLost, HandshakeError,
                     RequestTimeout, error_from_reply)
from .events import Event, Gap

__all__ = ["Client", "Subscription", "DEFAULT_URL"]

DEFAULT_URL = "ws://localhost:8181/onos/flowsocket/ws"

log = logging.getLogger("flowsocket")

_END = object()  # closes a subscription's queue


class Client(Commands):
    """A FlowSocket connection that matches replies to requests by ``id``,
    reads (and so answers the server's pings) whether or not the caller waits
    for anything, and reconnects when the connection drops.

    ``timeout`` bounds the wait for each reply (seconds; commands that wait for
    switches wait longer, see InstallFlow). ``reconnect`` makes the client
    connect again after a lost connection, waiting ``reconnect_delay`` seconds,
    doubled after each failure up to ``max_reconnect_delay``, at most
    ``max_reconnect_attempts`` times in a row (None: no limit). Subscriptions
    are renewed on the new connection and yield a ``Gap``. Requests waiting
    for a reply when the connection drops raise ``ConnectionLost``: they may or
    may not have run.
    """

    def __init__(self, url=DEFAULT_URL, user=None, password=None, *, timeout=30.0,
                 connect_timeout=10.0, reconnect=True, reconnect_delay=0.5,
                 max_reconnect_delay=10.0, max_reconnect_attempts=None,
                 ping_interval=20.0, ssl=None):
        self.url, self._authorization = _transport.credentials(url, user, password)
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.reconnect = reconnect
        self.reconnect_delay = reconnect_delay
        self.max_reconnect_delay = max_reconnect_delay
        self.max_reconnect_attempts = max_reconnect_attempts
        self.ping_interval = ping_interval
        self._ssl = ssl
        self._ids = itertools.count(1)
        self._pending = {}
        self._subscriptions = []
        self._ws = None
        self._greeting = None
        self._connected = None  # asyncio.Event, made in the loop that connects
        self._opened = None  # a future each new connection resolves
        self._supervisor = None
        self._closing = False
        self._failure = None
        self._last_seq = 0
        self.connections = 0

    # -- life cycle -------------------------------------------------------------------------

    async def connect(self):
        """Opens the connection; returns the server's greeting (``kind: hello``)."""
        if self._supervisor is not None:
            raise RuntimeError("the client is already connected")
        self._connected = asyncio.Event()
        self._opened = asyncio.get_event_loop().create_future()
        await self._open()
        self._supervisor = asyncio.ensure_future(self._supervise())
        return self._greeting

    async def close(self):
        """Closes the connection; pending requests raise ClientClosed, subscriptions end."""
        if self._closing:
            return
        self._closing = True
        ws = self._ws
        if self._supervisor is not None and not self.connected:
            self._supervisor.cancel()  # it is waiting to reconnect
        if ws is not None:
            await ws.close()
        if self._supervisor is not None:
            try:
                await self._supervisor
            except (Exception, asyncio.CancelledError):  # already reported, or cancelled above
                pass
        self._end(ClientClosed("the client is closed"))

    async def __aenter__(self):
        await self.connect()
        return self

    async def __aexit__(self, *exc_info):
        await self.close()

    @property
    def greeting(self):
        """The ``kind: hello`` message of the current connection (server, user, role, limits...)."""
        return self._greeting

    @property
    def connected(self):
        return self._connected is not None and self._connected.is_set()

    async def _open(self):
        ws = await _transport.open_connection(self.url, self._authorization, self.connect_timeout,
                                              self.ping_interval, self._ssl)
        try:
            greeting = json.loads(await asyncio.wait_for(ws.recv(), self.connect_timeout))
        except BaseException:
            await ws.close()
            raise
        if greeting.get("kind") != "hello":
            await ws.close()
            raise HandshakeError("the server did not greet with a hello message")
        self._ws, self._greeting, self._last_seq = ws, greeting, 0
        self.connections += 1
        self._connected.set()
        opened, self._opened = self._opened, asyncio.get_event_loop().create_future()
        opened.set_result(ws)

    async def _supervise(self):
        """Reads every message of every connection, reconnecting until closed or out of attempts."""
        while True:
            code, reason = await self._read(self._ws)
            self._connected.clear()
            lost = ConnectionLost("the connection closed (code %s%s) before the reply came"
                                  % (code, ", " + reason if reason else ""), code, reason)
            self._fail_pending(lost)
            if self._closing:
                return
            log.warning("flowsocket: connection lost (code %s %s)", code, reason or "")
            if not self.reconnect or not await self._reconnect():
                if not self._closing:
                    self._end(self._failure or lost)
                return

    async def _read(self, ws):
        try:
            async for text in ws:
                self._dispatch(text)
        except _transport.ConnectionClosed as closed:
            return _transport.close_info(closed)
        # A normal close ends the iteration without an exception.
        return getattr(ws, "close_code", None), getattr(ws, "close_reason", None)

    async def _reconnect(self):
        delay = self.reconnect_delay
        for attempt in itertools.count(1):
            if self.max_reconnect_attempts is not None and attempt > self.max_reconnect_attempts:
                return False
            await asyncio.sleep(delay)
            if self._closing:
                return False
            try:
                await self._open()
            except AuthenticationError as e:  # credentials do not heal by waiting
                self._failure = e
                return False
            except (OSError, HandshakeError, asyncio.TimeoutError, _transport.ConnectionClosed,
                    ValueError) as e:
                log.info("flowsocket: reconnection %d failed: %s", attempt, e)
                delay = min(delay * 2, self.max_reconnect_delay)
                continue
            asyncio.ensure_future(self._resubscribe(self._ws))
            return True

    async def _resubscribe(self, ws):
        # The gap comes first: the new connection's events may precede the Subscribe reply.
        for subscription in list(self._subscriptions):
            subscription._put(Gap(expected=None, received=None, reconnected=True))
        topics = sorted(set(t for s in self._subscriptions for t in s.topics))
        if topics:
            try:
                await self.request("Subscribe", {"topics": topics})
            except Exception as e:
                # Without its topics the connection is of no use to the subscriptions:
                # drop it, and the next connection tries again.
                log.warning("flowsocket: could not subscribe again to %s: %s", topics, e)
                _transport.abort(ws)

    def _dispatch(self, text):
        try:
            message = json.loads(text)
        except ValueError:
            log.warning("flowsocket: the server sent a frame that is not JSON")
            return
        kind = message.get("kind")
        if kind == "reply":
            future = self._pending.pop(_key(message.get("id")), None)
            if future is not None and not future.done():
                future.set_result(message)
        elif kind == "event":
            self._deliver(message)
        elif kind == "hello":
            self._greeting = message

    def _deliver(self, message):
        seq = message.get("seq")
        if isinstance(seq, int):
            if seq != self._last_seq + 1:
                gap = Gap(expected=self._last_seq + 1, received=seq, reconnected=False)
                for subscription in self._subscriptions:
                    subscription._put(gap)
            self._last_seq = seq
        event = Event.from_message(message)
        for subscription in self._subscriptions:
            if event.topic in subscription.topics:
                subscription._put(event)

    def _fail_pending(self, error):
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(error)

    def _end(self, error):
        self._failure = self._failure or error
        if self._opened is not None and not self._opened.done():
            self._opened.set_result(None)  # wakes requests waiting for a reconnection
        self._fail_pending(error)
        for subscription in list(self._subscriptions):
            subscription._finish(error)
        self._subscriptions.clear()

    # -- requests ---------------------------------------------------------------------------

    async def request(self, command, fields=None, timeout=None):
        """Sends one request and returns its ``result``; raises the error code's exception.

        ``fields`` are the command's fields in the protocol's names (None values
        are left out). ``timeout`` overrides the client's for this request.
        """
        reply = await self.request_reply(command, fields, timeout)
        if reply.get("status") != "ok":
            raise error_from_reply(reply)
        return reply.get("result")

    async def request_reply(self, command, fields=None, timeout=None):
        """Like request, but returns the whole reply message, error or not."""
        timeout = self.timeout if timeout is None else timeout
        loop = asyncio.get_event_loop()
        deadline = loop.time() + timeout
        request_id = "py-%d" % next(self._ids)
        message = {"type": command, "id": request_id}
        message.update((k, v) for k, v in (fields or {}).items() if v is not None)
        text = json.dumps(message)
        future = loop.create_future()
        ws = None
        while True:
            ws = await self._wait_connected(deadline, stale=ws)
            self._pending[request_id] = future
            try:
                await ws.send(text)
                break
            except _transport.ConnectionClosed:
                # The request did not leave: send it on the next connection, if there is one.
                self._pending.pop(request_id, None)
                if not self.reconnect:
                    raise ConnectionLost("the connection closed before %s was sent"
                                         % command) from None
        try:
            return await asyncio.wait_for(asyncio.shield(future), max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            raise RequestTimeout("no reply to %s within %.1f s" % (command, timeout)) from None
        finally:
            self._pending.pop(request_id, None)

    async def _wait_connected(self, deadline, stale=None):
        """The open connection (not ``stale``, one found closed), once there is one."""
        while True:
            if self._closing or self._supervisor is None:
                raise ClientClosed("the client is not connected (use connect() or async with)")
            if self._supervisor.done() or self._failure is not None:
                raise self._failure or ConnectionLost("the connection is gone")
            if self._connected.is_set() and self._ws is not stale:
                return self._ws
            try:
                await asyncio.wait_for(asyncio.shield(self._opened),
                                       max(0.0, deadline - asyncio.get_event_loop().time()))
            except asyncio.TimeoutError:
                raise RequestTimeout("not connected: still reconnecting") from None

    # -- subscriptions ----------------------------------------------------------------------

    async def subscribe(self, topics, timeout=None):
        """Subscribes to ``topics`` (``devices``, ``hosts``, ``links``, ``flows``; ``stats``
        with its default options: every flow, every 5 s, no links) and returns
        a Subscription: ``async for item in subscription`` yields Event and Gap objects."""
        if isinstance(topics, str):
            topics = [topics]
        subscription = Subscription(self, [t.lower() for t in topics])
        self._subscriptions.append(subscription)  # before the request: no event is lost
        try:
            await self.request("Subscribe", {"topics": list(subscription.topics)}, timeout)
        except BaseException:
            self._subscriptions.remove(subscription)
            raise
        return subscription

    async def _unsubscribe(self, subscription):
        if subscription in self._subscriptions:
            self._subscriptions.remove(subscription)
        still_wanted = set(t for s in self._subscriptions for t in s.topics)
        topics = sorted(set(subscription.topics) - still_wanted)
        if topics and self.connected and not self._closing:
            await self.request("Unsubscribe", {"topics": topics})


class Subscription:
    """Events of some topics, in order, with a Gap wherever some may be missing.

    ``async for item in subscription`` (or ``await subscription.get(timeout)``);
    the iteration ends when the subscription or the client is closed, and
    raises ConnectionLost when the connection is gone for good.
    """

    def __init__(self, client, topics):
        self._client = client
        self.topics = tuple(topics)
        self._queue = asyncio.Queue()
        self._error = None
        self._done = False

    def _put(self, item):
        self._queue.put_nowait(item)

    def _finish(self, error):
        if self._error is None and not isinstance(error, ClientClosed):
            self._error = error
        self._queue.put_nowait(_END)

    async def get(self, timeout=None):
        """The next Event or Gap; RequestTimeout after ``timeout`` seconds (None: no limit);
        StopAsyncIteration once the subscription has ended."""
        if self._done:
            raise self._error or StopAsyncIteration
        try:
            item = await asyncio.wait_for(self._queue.get(), timeout)
        except asyncio.TimeoutError:
            raise RequestTimeout("no event within %.1f s" % timeout) from None
        if item is _END:
            self._done = True
            raise self._error or StopAsyncIteration
        return item

    def __aiter__(self):
        return self

    async def __anext__(self):
        return await self.get()

    async def close(self):
        """Unsubscribes the topics no other subscription of the client wants."""
        if not self._done:
            self._done = True
            self._queue.put_nowait(_END)
            await self._client._unsubscribe(self)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        await self.close()


def _key(request_id):
    return request_id if isinstance(request_id, str) else None
