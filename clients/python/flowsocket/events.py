"""What a subscription yields: events, and gaps where events were missed."""

__all__ = ["Event", "Gap"]


class Event:
    """One ``kind: event`` message: ``topic``, ``event`` (e.g. ``FLOW_INSTALLED``),
    ``seq`` (per connection, from 1), ``time`` (ms since the epoch), ``data``."""

    __slots__ = ("topic", "event", "seq", "time", "data")

    def __init__(self, topic, event, seq, time, data):
        object.__setattr__(self, "topic", topic)
        object.__setattr__(self, "event", event)
        object.__setattr__(self, "seq", seq)
        object.__setattr__(self, "time", time)
        object.__setattr__(self, "data", data)

    @classmethod
    def from_message(cls, message):
        return cls(message.get("topic"), message.get("event"), message.get("seq"),
                   message.get("time"), message.get("data") or {})

    def __setattr__(self, name, value):
        raise AttributeError("Event is immutable")

    def as_dict(self):
        return {"kind": "event", "topic": self.topic, "event": self.event, "seq": self.seq,
                "time": self.time, "data": self.data}

    def __eq__(self, other):
        return isinstance(other, Event) and self.as_dict() == other.as_dict()

    def __hash__(self):
        return hash((self.topic, self.event, self.seq, self.time))

    def __repr__(self):
        return "Event(topic=%r, event=%r, seq=%r)" % (self.topic, self.event, self.seq)


class Gap:
    """Events may have been missed before the next item of a subscription.

    ``reconnected`` is True when the connection was lost and made again (the
    topics are subscribed again; ``seq`` restarts at 1 on the new connection
    and what happened meanwhile is unknown: read the state again with the
    list commands). Otherwise the server's ``seq`` skipped from
    ``expected - 1`` to ``received``, and ``missed`` counts the lost events.
    """

    __slots__ = ("expected", "received", "reconnected")

    def __init__(self, expected, received, reconnected):
        object.__setattr__(self, "expected", expected)
        object.__setattr__(self, "received", received)
        object.__setattr__(self, "reconnected", reconnected)

    def __setattr__(self, name, value):
        raise AttributeError("Gap is immutable")

    @property
    def missed(self):
        """The number of events missed, or None when unknown (a reconnection)."""
        if self.reconnected or self.received is None:
            return None
        return self.received - self.expected

    def as_dict(self):
        return {"kind": "gap", "expected": self.expected, "received": self.received,
                "reconnected": self.reconnected, "missed": self.missed}

    def __eq__(self, other):
        return isinstance(other, Gap) and self.as_dict() == other.as_dict()

    def __hash__(self):
        return hash((self.expected, self.received, self.reconnected))

    def __repr__(self):
        return "Gap(expected=%r, received=%r, reconnected=%r)" % (
            self.expected, self.received, self.reconnected)
