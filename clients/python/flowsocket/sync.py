"""The synchronous client: an asyncio client running on a thread of its own.

That thread reads the connection all the time, so the server's pings are
answered (and events queued) while the caller sleeps or computes.
"""

import asyncio
import functools
import threading

from . import aio
from .commands import Commands

__all__ = ["Client", "Subscription"]


class Client:
    """``with flowsocket.Client(url, user="onos", password="rocks") as client: ...``

    Takes the options of ``flowsocket.aio.Client``; every method blocks until
    the reply comes (or raises as the asyncio client does).
    """

    def __init__(self, url=aio.DEFAULT_URL, user=None, password=None, **options):
        self._client = aio.Client(url, user, password, **options)
        self._loop = None
        self._thread = None

    def connect(self):
        """Opens the connection; returns the server's greeting."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="flowsocket",
                                            daemon=True)
            self._thread.start()
        try:
            return self._run(self._client.connect())
        except BaseException:
            self._stop_loop()
            raise

    def close(self):
        """Closes the connection and stops the client's thread."""
        if self._loop is not None:
            try:
                self._run(self._client.close())
            finally:
                self._stop_loop()

    def __enter__(self):
        self.connect()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _stop_loop(self):
        loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join()
            loop.close()

    def _run(self, coroutine):
        if self._loop is None:
            coroutine.close()
            raise aio.ClientClosed("the client is not connected (use connect() or with)")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    @property
    def greeting(self):
        return self._client.greeting

    @property
    def connected(self):
        return self._client.connected

    @property
    def connections(self):
        """How many connections the client has opened (1 + reconnections)."""
        return self._client.connections

    def __getattr__(self, name):
        # Options of the asyncio client (timeout, reconnect, ...) are read through.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._client, name)

    def request(self, command, fields=None, timeout=None):
        """Sends one request and returns its ``result`` (see aio.Client.request)."""
        return self._run(self._client.request(command, fields, timeout))

    def request_reply(self, command, fields=None, timeout=None):
        return self._run(self._client.request_reply(command, fields, timeout))

    def subscribe(self, topics, timeout=None):
        """Subscribes; ``for item in subscription`` yields Event and Gap objects."""
        return Subscription(self, self._run(self._client.subscribe(topics, timeout)))


def _blocking(name):
    coroutine_function = getattr(Commands, name)

    @functools.wraps(coroutine_function)
    def method(self, *args, **kwargs):
        return self._run(getattr(self._client, name)(*args, **kwargs))
    return method


for _name in ("hello", "add_host", "add_device", "remove_node", "get_node", "list_nodes",
              "list_links", "install_flow", "install_flows", "get_flow", "list_flows",
              "remove_flow", "batch"):
    setattr(Client, _name, _blocking(_name))


class Subscription:
    """The blocking face of aio.Subscription: iterate it, or ``get(timeout)``."""

    def __init__(self, client, subscription):
        self._client = client
        self._subscription = subscription

    @property
    def topics(self):
        return self._subscription.topics

    def get(self, timeout=None):
        """The next Event or Gap; RequestTimeout after ``timeout`` seconds (None: no limit);
        StopIteration once the subscription or the client has ended."""
        if self._client._loop is None:
            raise StopIteration
        try:
            return self._client._run(self._subscription.get(timeout))
        except StopAsyncIteration:
            raise StopIteration from None

    def __iter__(self):
        return self

    def __next__(self):
        return self.get()

    def close(self):
        self._client._run(self._subscription.close())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
