"""Validates FlowSocket messages against the JSON Schemas of docs/schema/, the
normative contract of flowsocket.v1, with a real JSON Schema validator
(jsonschema, Debian's python3-jsonschema)."""

import json
import os

import jsonschema

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))), "docs", "schema")


class ContractViolation(AssertionError):
    """A message that does not match its schema: says which message, which rule and where."""


def _load_all():
    schemas = {}
    for folder, _dirs, files in os.walk(SCHEMA_DIR):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    schema = json.load(f)
                schemas[schema["$id"]] = schema
    return schemas


def _without_nulls(value):
    """protocol.md: a member whose value is null counts as absent, which JSON Schema cannot
    say; the schemas describe requests without such members."""
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {k: _without_nulls(v) for k, v in value.items() if v is not None}


class Contract:
    """Validators of the two directions: what clients send, what the server sends."""

    def __init__(self):
        self._schemas = _load_all()
        base = next(i for i in self._schemas if i.endswith("/common.json"))[:-len("common.json")]
        self.request = self._validator(base + "request.json")
        self.batch_item = self._validator(base + "batch-item.json")
        self.server_message = self._validator(base + "server-message.json")

    def _validator(self, schema_id):
        schema = self._schemas[schema_id]
        cls = jsonschema.Draft7Validator
        try:
            import referencing
            import referencing.jsonschema
            registry = referencing.Registry().with_resources(
                (i, referencing.Resource.from_contents(s, referencing.jsonschema.DRAFT7))
                for i, s in self._schemas.items())
            return cls(schema, registry=registry)
        except ImportError:
            resolver = jsonschema.RefResolver(schema_id, schema, store=dict(self._schemas))
            return cls(schema, resolver=resolver)

    @staticmethod
    def _check(validator, message, what):
        error = jsonschema.exceptions.best_match(validator.iter_errors(message))
        if error is not None:
            raise ContractViolation("%s does not match %s: %s at %s (schema path %s)\n  message: %s" % (
                what, validator.schema["$id"].rsplit("/", 1)[-1], error.message,
                "/" + "/".join(str(p) for p in error.absolute_path),
                "/".join(str(p) for p in error.absolute_schema_path), json.dumps(message)[:600]))

    def check_server_message(self, message):
        """Raises ContractViolation unless the server's message matches server-message.json."""
        self._check(self.server_message, message, "server message")

    def request_violation(self, request):
        """The reason a request breaks request.json, or None if it matches."""
        return self._violation(self.request, request, "request")

    def _violation(self, validator, message, what):
        try:
            self._check(validator, message, what)
            return None
        except ContractViolation as e:
            return str(e)

    def refusals(self, request):
        """What the server must refuse of a request: (why the request breaks the contract or None,
        {index: why} of the items of a Batch that break it). Batch items do not share fate: a wrong
        item gets its own error while the Batch may still be ok."""
        request = _without_nulls(request)
        items = request.get("requests") if request.get("type") == "Batch" else None
        if not isinstance(items, list):
            return self.request_violation(request), {}
        refused = {}
        for i, item in enumerate(items):
            why = self._violation(self.batch_item, item, "Batch item")
            if why:
                refused[i] = why
        kept = dict(request, requests=[item for i, item in enumerate(items) if i not in refused])
        return self.request_violation(kept), refused

    @staticmethod
    def accepted_refusal(reply, refusal, refused_items):
        """Why an ok reply breaks the contract, given what its request should have had refused."""
        if reply.get("status") != "ok":
            return None
        if refusal:
            return "the server accepted a request the contract refuses: " + refusal
        results = (reply.get("result") or {}).get("results") or []
        for i in sorted(refused_items):
            if i < len(results) and results[i].get("status") == "ok":
                return "the server accepted Batch item %d, which the contract refuses: %s" % (i, refused_items[i])
        return None


class ContractWatch:
    """Wraps one connection of the client: every frame it sends and receives
    passes the protocol's JSON Schemas. A server message that breaks them is a
    violation; so is an ok reply to a request they refuse."""

    def __init__(self, ws, contract, violations):
        self._ws = ws
        self._contract = contract
        self._violations = violations
        self._refused = {}

    def __getattr__(self, name):
        return getattr(self._ws, name)

    async def send(self, text):
        try:
            request = json.loads(text)
        except ValueError:
            request = None
        if isinstance(request, dict) and isinstance(request.get("id"), (str, int)):
            self._refused[json.dumps(request["id"])] = self._contract.refusals(request)
        return await self._ws.send(text)

    def _check(self, text):
        try:
            message = json.loads(text)
            self._contract.check_server_message(message)
        except (ValueError, AssertionError) as e:
            self._violations.append(str(e))
            return
        if message.get("kind") == "reply":
            refusal, items = self._refused.pop(json.dumps(message.get("id")), (None, {}))
            why = self._contract.accepted_refusal(message, refusal, items)
            if why:
                self._violations.append(why)

    async def recv(self):
        text = await self._ws.recv()
        self._check(text)
        return text

    def __aiter__(self):
        return self._frames()

    async def _frames(self):
        async for text in self._ws:
            self._check(text)
            yield text


def watch_connections(contract, violations, checked):
    """Hooks where the client opens its connections: the frames of every connection
    to a URL that ``checked`` accepts pass through a ContractWatch. Returns the
    function that undoes it."""
    from flowsocket import _transport
    original = _transport.open_connection

    async def open_connection(url, *args, **kwargs):
        ws = await original(url, *args, **kwargs)
        return ContractWatch(ws, contract, violations) if checked(url) else ws

    _transport.open_connection = open_connection

    def restore():
        _transport.open_connection = original
    return restore
