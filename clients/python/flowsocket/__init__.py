"""FlowSocket client: the ONOS WebSocket API ``flowsocket.v1`` from Python.

``flowsocket.Client`` is synchronous, ``flowsocket.aio.Client`` is for asyncio;
both give the same methods (``hello``, ``add_host``, ``install_flow``, ...),
raise one exception class per error code, and reconnect with their
subscriptions.
"""

from .errors import *  # noqa: F401,F403  (one class per error code)
from .errors import __all__ as _errors_all
from .events import Event, Gap
from .sync import Client, Subscription
from . import aio

__version__ = "1.0.0"

__all__ = ["Client", "Subscription", "Event", "Gap", "aio"] + list(_errors_all)
