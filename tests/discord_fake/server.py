"""A loopback fake of Discord: the REST routes factbot calls and a gateway websocket.

It listens on 127.0.0.1 only, on a free port, and records every REST request and every gateway
frame the client sends. Tests dispatch gateway events (MESSAGE_CREATE, INTERACTION_CREATE), wait
for the client's REST calls, and inject faults: REST status codes (429 with retry_after, 5xx),
gateway closes with a code, INVALID_SESSION, RECONNECT.

Gateway behaviour follows Discord's documentation: HELLO (op 10) on connect; IDENTIFY (op 2)
gets READY and one GUILD_CREATE per guild; HEARTBEAT (op 1) gets HEARTBEAT_ACK (op 11); RESUME
(op 6) of a live session replays the events the client missed and sends RESUMED, of a dead one
gets INVALID_SESSION (op 9, d=false); a bad token closes with 4004.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord_fake import payloads as p

TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake-token.for-loopback-tests-only"
API_PREFIX = "/api/v10"
OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_RESUME = 0, 1, 2, 6
OP_RECONNECT, OP_INVALID_SESSION, OP_HELLO, OP_HEARTBEAT_ACK = 7, 9, 10, 11
# Close codes after which Discord will not resume the session.
NOT_RESUMABLE = {4007, 4009}


@dataclass
class Request:
    method: str
    path: str  # after /api/v10, e.g. /channels/1/messages
    query: dict[str, str]
    body: Any  # the JSON body (or multipart payload_json), or None
    files: list[dict[str, Any]]  # multipart files: filename, size, content_type
    status: int
    at: float
    authorization: str | None
    response: Any = None  # what the fake answered (a message object for message routes)

    def matches(self, method: str, pattern: str) -> bool:
        return self.method == method and re.fullmatch(pattern, self.path) is not None


@dataclass
class Fault:
    method: str
    pattern: str
    status: int
    times: int = 1
    retry_after: float = 0.1
    commit: bool = False  # do the work, then answer with the error (a lost response)


@dataclass
class Session:
    session_id: str
    shard: list[int] | None
    seq: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)  # sent frames, for RESUME replay
    valid: bool = True


@dataclass
class Connection:
    ws: web.WebSocketResponse
    session: Session | None = None


@dataclass
class InteractionState:
    payload: dict[str, Any]
    dispatched_at: float
    acknowledged: bool = False
    callback_type: int | None = None
    original: dict[str, Any] | None = None  # the response message
    followups: list[dict[str, Any]] = field(default_factory=list)


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response with Discord's exact content type (discord.py compares it verbatim)."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


class FakeDiscord:
    def __init__(self, *, heartbeat_interval_ms: int = 45_000, guilds: list[str] | None = None):
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.guilds = [p.GUILD_ID] if guilds is None else guilds
        self.requests: list[Request] = []
        self.gateway_frames: list[dict[str, Any]] = []  # frames the client sent, token removed
        self.sent_frames: list[dict[str, Any]] = []  # frames the fake sent
        self.messages: dict[str, dict[str, Any]] = {}  # every message created, by id
        self.created: list[dict[str, Any]] = []  # messages created by POST channel messages
        self.interactions: dict[str, InteractionState] = {}
        self.faults: list[Fault] = []
        self.sessions: dict[int, Session] = {}  # by shard id (0 when not sharded)
        self.connections: list[Connection] = []
        self.identify_close_code: int | None = None  # close every IDENTIFY with this code
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> commands
        self._nonces: dict[str, str] = {}  # nonce -> message id, for enforce_nonce
        self._changed: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle ---------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for connection in list(self.connections):
            await connection.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()

    async def _notify(self) -> None:
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], within: float = 5.0) -> Any:
        """Wait (bounded) until `predicate()` is truthy; return its value."""
        assert self._changed is not None

        async def waiting() -> Any:
            async with self._changed:
                while True:
                    value = predicate()
                    if value:
                        return value
                    await self._changed.wait()

        return await asyncio.wait_for(waiting(), within)

    # -- REST -----------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float = 0.1,
        commit: bool = False,
    ) -> None:
        self.faults.append(Fault(method, pattern, status, times, retry_after, commit))

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method and re.fullmatch(fault.pattern, path):
                fault.times -= 1
                return fault
        return None

    async def _read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            body = json.loads(str(form["payload_json"])) if "payload_json" in form else None
            files = []
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    data = value.file.read()
                    files.append(
                        {
                            "field": name,
                            "filename": value.filename,
                            "size": len(data),
                            "content_type": value.content_type,
                            "png": data[:8] == b"\x89PNG\r\n\x1a\n",
                        }
                    )
            return body, files
        text = await request.text()
        return (json.loads(text) if text else None), []

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        method = request.method
        body, files = await self._read_body(request)
        fault = self._take_fault(method, path)
        status, response = 200, None
        if fault is None or fault.commit:
            status, response = self._route(method, path, dict(request.query), body, files, request)
        if fault is not None:
            status = fault.status
        self.requests.append(
            Request(
                method,
                path,
                dict(request.query),
                body,
                files,
                status,
                time.monotonic(),
                request.headers.get("Authorization"),
                response,
            )
        )
        await self._notify()
        if fault is not None:
            if fault.status == 429:
                return _json(
                    {
                        "message": "You are being rate limited.",
                        "retry_after": fault.retry_after,
                        "global": False,
                    },
                    status=429,
                    headers={
                        "Via": "1.1 google",
                        "Retry-After": str(max(1, round(fault.retry_after))),
                        "X-RateLimit-Scope": "user",
                    },
                )
            return _json({"message": "Server error", "code": 0}, status=fault.status)
        if response is None:
            return web.Response(status=status if status != 200 else 204)
        return _json(response, status=status)

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        body: Any,
        files: list[dict[str, Any]],
        request: web.Request,
    ) -> tuple[int, Any]:
        if request.headers.get("Authorization") not in (f"Bot {TOKEN}", None):
            return 401, {"message": "401: Unauthorized", "code": 0}
        needs_auth = not path.startswith(("/interactions/", "/webhooks/"))
        if needs_auth and request.headers.get("Authorization") is None:
            return 401, {"message": "401: Unauthorized", "code": 0}
        if method == "GET" and path == "/users/@me":
            return 200, p.BOT_USER
        if method == "GET" and path == "/oauth2/applications/@me":
            return 200, p.application_info()
        if method == "GET" and path == "/gateway/bot":
            return 200, {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14_400_000,
                    "max_concurrency": 1,
                },
            }
        match = re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", path)
        if match and method == "PUT":
            return 200, self._put_commands(match.group(2) or "global", body or [])
        match = re.fullmatch(r"/channels/(\d+)/messages", path)
        if match and method == "POST":
            return 200, self._create_message(match.group(1), body or {}, files)
        match = re.fullmatch(r"/channels/(\d+)/typing", path)
        if match and method == "POST":
            return 204, None
        match = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)
        if match and method == "POST":
            return self._callback(match.group(1), match.group(2), body or {}, files, query)
        match = re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/(@original|\d+))?", path)
        if match:
            return self._webhook(method, match.group(2), match.group(4), body or {}, files)
        return 404, {"message": "404: Not Found", "code": 0}

    def _put_commands(self, target: str, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stored = []
        for command in commands:
            stored.append(
                {
                    "id": p.snowflake(),
                    "application_id": p.APP_ID,
                    "version": p.snowflake(),
                    "default_member_permissions": None,
                    "type": 1,
                    **command,
                    **({"guild_id": target} if target != "global" else {}),
                }
            )
        self.commands[target] = stored
        return stored

    def _bot_message(
        self, channel_id: str, body: dict[str, Any], files: list[dict[str, Any]], **extra: Any
    ) -> dict[str, Any]:
        attachments = [
            {
                "id": p.snowflake(),
                "filename": f["filename"],
                "size": f["size"],
                "url": f"https://cdn.example.invalid/{f['filename']}",
                "proxy_url": f"https://media.example.invalid/{f['filename']}",
                "content_type": f["content_type"],
                "description": None,
            }
            for f in files
        ]
        for attachment, sent in zip(attachments, body.get("attachments") or [], strict=False):
            attachment["description"] = sent.get("description")
        data = p.message(
            channel_id=channel_id,
            author=p.BOT_USER,
            content=body.get("content") or "",
            embeds=body.get("embeds") or [],
            components=body.get("components") or [],
            attachments=attachments,
            flags=int(body.get("flags") or 0),
            **extra,
        )
        self.messages[data["id"]] = data
        return data

    def _create_message(
        self, channel_id: str, body: dict[str, Any], files: list[dict[str, Any]]
    ) -> dict[str, Any]:
        nonce = body.get("nonce")
        if body.get("enforce_nonce") and nonce in self._nonces:
            return self.messages[self._nonces[str(nonce)]]  # a retry: the same message
        reference = body.get("message_reference")
        data = self._bot_message(
            channel_id,
            body,
            files,
            message_reference=reference,
            nonce=str(nonce) if nonce is not None else None,
        )
        if nonce is not None:
            self._nonces[str(nonce)] = data["id"]
        self.created.append(data)
        return data

    def _callback(
        self,
        interaction_id: str,
        token: str,
        body: dict[str, Any],
        files: list[dict[str, Any]],
        query: dict[str, str],
    ) -> tuple[int, Any]:
        state = self.interactions.get(token)
        if state is None or state.payload["id"] != interaction_id:
            return 404, {"message": "Unknown interaction", "code": 10062}
        if state.acknowledged:
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        kind = int(body.get("type", 0))
        state.acknowledged = True
        state.callback_type = kind
        channel_id = state.payload.get("channel_id") or p.CHANNEL_ID
        data = body.get("data") or {}
        message: dict[str, Any] | None = None
        if kind == 4:
            message = self._bot_message(channel_id, data, files)
            message["interaction_metadata"] = self._metadata(state)
            state.original = message
        elif kind == 5:
            message = self._bot_message(
                channel_id, {"flags": int(data.get("flags") or 0) | 128}, []
            )
            state.original = message
        elif kind in (6, 7):
            source = state.payload.get("message")
            if source is not None:
                message = self.messages.get(source["id"], source)
                if kind == 7:
                    self._apply_edit(message, data, files)
                state.original = message
        elif kind == 8:
            return 204, None
        if query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        interaction = {
            "id": interaction_id,
            "type": state.payload["type"],
            "activity_instance_id": None,
            "response_message_id": message["id"] if message else None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64),
        }
        resource: dict[str, Any] = {"type": kind}
        if message is not None and kind in (4, 5, 7):
            resource["message"] = message
        return 200, {"interaction": interaction, "resource": resource}

    def _metadata(self, state: InteractionState) -> dict[str, Any]:
        payload = state.payload
        invoker = payload.get("user") or payload.get("member", {}).get("user")
        return {
            "id": payload["id"],
            "type": payload["type"],
            "user": invoker,
            "authorizing_integration_owners": payload.get("authorizing_integration_owners", {}),
        }

    def _apply_edit(
        self, message: dict[str, Any], body: dict[str, Any], files: list[dict[str, Any]]
    ) -> None:
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        if "flags" in body and body["flags"] is not None:
            message["flags"] = int(body["flags"])
        if files:
            message["attachments"] = self._bot_message(message["channel_id"], {}, files)[
                "attachments"
            ]
        message["edited_timestamp"] = p.now_iso()

    def _webhook(
        self,
        method: str,
        token: str,
        target: str | None,
        body: dict[str, Any],
        files: list[dict[str, Any]],
    ) -> tuple[int, Any]:
        state = self.interactions.get(token)
        if state is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        if target is None and method == "POST":
            original = state.original
            if original is not None and original["flags"] & 128 and not state.followups:
                # The first follow-up after a deferred response replaces the "thinking" message.
                original["flags"] &= ~128
                self._apply_edit(original, body, files)
                state.followups.append(original)
                return 200, original
            channel_id = state.payload.get("channel_id") or p.CHANNEL_ID
            message = self._bot_message(channel_id, body, files)
            state.followups.append(message)
            return 200, message
        if target == "@original":
            if state.original is None:
                return 404, {"message": "Unknown Message", "code": 10008}
            if method == "PATCH":
                state.original["flags"] &= ~128
                self._apply_edit(state.original, body, files)
            return 200, state.original
        message = self.messages.get(target or "")
        if message is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        if method == "PATCH":
            self._apply_edit(message, body, files)
        return 200, message

    # -- gateway ----------------------------------------------------------------------------

    async def _send(self, connection: Connection, frame: dict[str, Any]) -> None:
        self.sent_frames.append(frame)
        if not connection.ws.closed:
            await connection.ws.send_str(json.dumps(frame))

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        connection = Connection(ws)
        self.connections.append(connection)
        await self._send(
            connection,
            {
                "op": OP_HELLO,
                "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                "s": None,
                "t": None,
            },
        )
        try:
            async for frame in ws:
                if frame.type is not WSMsgType.TEXT:
                    continue
                data = json.loads(frame.data)
                await self._on_frame(connection, data)
        finally:
            if connection in self.connections:
                self.connections.remove(connection)
            await self._notify()
        return ws

    async def _on_frame(self, connection: Connection, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        d = frame.get("d")
        recorded = json.loads(json.dumps(frame))
        if isinstance(recorded.get("d"), dict) and "token" in recorded["d"]:
            recorded["d"]["token_ok"] = recorded["d"].pop("token") == TOKEN
        self.gateway_frames.append(recorded)
        if op == OP_HEARTBEAT:
            await self._send(connection, {"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == OP_IDENTIFY:
            await self._identify(connection, d or {})
        elif op == OP_RESUME:
            await self._resume(connection, d or {})
        await self._notify()

    async def _identify(self, connection: Connection, d: dict[str, Any]) -> None:
        if d.get("token") != TOKEN:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        if self.identify_close_code is not None:
            await connection.ws.close(code=self.identify_close_code, message=b"Closed by test.")
            return
        shard = d.get("shard")
        shard_id = shard[0] if shard else 0
        count = shard[1] if shard else 1
        session = Session(p.snowflake(), shard)
        self.sessions[shard_id] = session
        connection.session = session
        guilds = [g for g in self.guilds if (int(g) >> 22) % count == shard_id]
        await self._dispatch_on(
            session, "READY", p.ready(session.session_id, self.gateway_url, shard, guilds)
        )
        for guild in guilds:
            await self._dispatch_on(session, "GUILD_CREATE", p.guild_create(guild))

    async def _resume(self, connection: Connection, d: dict[str, Any]) -> None:
        session = next(
            (s for s in self.sessions.values() if s.session_id == d.get("session_id")), None
        )
        if d.get("token") != TOKEN:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        if session is None or not session.valid:
            await self._send(
                connection, {"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None}
            )
            return
        connection.session = session
        last = int(d.get("seq") or 0)
        for frame in session.events:
            if frame["s"] > last:
                await self._send(connection, frame)
        await self._dispatch_on(session, "RESUMED", {})

    def _live(self, session: Session) -> Connection | None:
        for connection in reversed(self.connections):
            if connection.session is session and not connection.ws.closed:
                return connection
        return None

    async def _dispatch_on(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        frame = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
        session.events.append(frame)
        connection = self._live(session)
        if connection is not None:
            await self._send(connection, frame)

    def shard_of(self, guild_id: str | None) -> int:
        count = max(1, len(self.sessions))
        return 0 if guild_id is None else (int(guild_id) >> 22) % count

    async def dispatch(self, event: str, data: dict[str, Any], *, shard: int | None = None) -> None:
        """Send a DISPATCH event on the session that owns it (or queue it for a RESUME)."""
        if shard is None:
            shard = self.shard_of(data.get("guild_id"))
        session = self.sessions[shard]
        if event == "INTERACTION_CREATE":
            self.interactions[data["token"]] = InteractionState(data, time.monotonic())
        if event == "MESSAGE_CREATE":
            self.messages.setdefault(data["id"], data)
        await self._dispatch_on(session, event, data)

    async def close_gateway(self, code: int, *, shard: int = 0) -> None:
        session = self.sessions.get(shard)
        if session is not None and code in NOT_RESUMABLE:
            session.valid = False
        connection = self._live(session) if session else None
        if connection is not None:
            await connection.ws.close(code=code, message=b"Closed by test.")

    async def send_op(self, op: int, d: Any, *, shard: int = 0) -> None:
        """Send a non-dispatch opcode, e.g. RECONNECT (7) or INVALID_SESSION (9)."""
        session = self.sessions.get(shard)
        if session is not None and op == OP_INVALID_SESSION and d is False:
            session.valid = False
        connection = self._live(session) if session else None
        if connection is not None:
            await self._send(connection, {"op": op, "d": d, "s": None, "t": None})

    # -- queries for tests ------------------------------------------------------------------

    def calls(self, method: str, pattern: str) -> list[Request]:
        return [r for r in self.requests if r.matches(method, pattern)]

    def frames(self, op: int) -> list[dict[str, Any]]:
        return [f for f in self.gateway_frames if f.get("op") == op]

    def ready_count(self) -> int:
        return sum(1 for f in self.sent_frames if f.get("t") == "READY")

    def resumed_count(self) -> int:
        return sum(1 for f in self.sent_frames if f.get("t") == "RESUMED")
