"""The front of `kgb serve`: the public socket, which screens every query before the Oxigraph server
(on a private loopback port) sees it, and relays everything else as it is.

What the Oxigraph server cannot be told, the front does:
- **SERVICE is refused** (403) unless ``allow_service``: the server would otherwise send HTTP
  requests wherever a query points it (server-side request forgery), and it has no switch for it.
- **FROM / FROM NAMED are honoured.** The server's union default graph replaces a query's own
  dataset, so the front asks for the union (``union-default-graph``) only for queries that name no
  graphs, neither in FROM clauses nor in ``default-graph-uri`` / ``named-graph-uri``.
- **Hostile connections are bounded**: a request head or body that does not arrive within
  ``stall_s`` closes the connection (slowloris), a client that stops reading the answer is dropped
  after ``stall_s``, malformed framing (``Content-Length: -5``) is a 400, a deep listen queue keeps
  bursts of clients from being reset, and at most UPSTREAM_CONNECTIONS queries run at once (the
  others wait up to QUEUE_S for their turn).

A query is sent on as a form the front writes itself (POST ``query=…``), never as the bytes it came
in, so the server evaluates exactly the text that was screened. HTTP is tornado's (the server and
its limits) and httpx's (the streamed relay); the front runs on its own event loop in a thread.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
from urllib.parse import parse_qsl, urlencode

import httpx
from tornado.httpserver import HTTPServer
from tornado.iostream import StreamClosedError
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from .errors import KGBError
from .sparql_scan import has_dataset_clause, has_service

STALL_S = 10  # seconds a request head or body, or a client reading the answer, may stall
BACKLOG = 1024  # the listen queue: a burst of clients waits instead of being reset
MAX_HEAD = 256 * 1024  # a GET carries its query in the head
MAX_BODY = 4 * 1024 * 1024  # a query with large VALUES blocks fits
UPSTREAM_CONNECTIONS = 16  # queries the server runs at once (a few per core); more wait their turn
QUEUE_S = 60  # how long a query may wait for its turn before a 503
QUERY_PATHS = ("/query", "/sparql")
GRAPH_PARAMETERS = ("default-graph-uri", "named-graph-uri", "union-default-graph")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
              "content-length", "host", "accept-encoding", "expect"}
log = logging.getLogger(__name__)


class Refused(Exception):
    """A request the front answers itself with ``status`` and a message saying what to do."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def screen(method: str, path: str, query_string: str, content_type: str, body: bytes, *,
           allow_service: bool) -> tuple[str, dict[str, str], bytes] | None:
    """What to send the Oxigraph server for a request carrying a SPARQL query: (path, headers, body).

    None when the request carries no query (the page, the service description, Graph Store reads,
    updates, which the read-only server refuses): it goes on as it came. Raises Refused.
    """
    params = parse_qsl(query_string, keep_blank_values=True)
    mime = content_type.split(";", 1)[0].strip().lower()
    if method == "POST" and mime == "application/x-www-form-urlencoded":
        params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    texts = [value for name, value in params if name == "query"]
    if method == "POST" and mime == "application/sparql-query":
        try:
            texts.append(body.decode("utf-8"))
        except UnicodeDecodeError as err:
            raise Refused(400, f"the query is not UTF-8 text (byte {err.start}); send it in UTF-8") from err
    if not texts:
        return None
    if path not in QUERY_PATHS:
        raise Refused(400, f"queries go to {' or '.join(QUERY_PATHS)}, not to {path}")
    if len(texts) > 1 or any(name == "update" for name, _ in params):
        raise Refused(400, "give one query, once (a `query` parameter or a body), and no `update` with it")
    query = texts[0]
    if not allow_service and has_service(query):
        raise Refused(403, "this endpoint does not run federated queries (SERVICE): they would make the "
                           "server send requests to other hosts. Run the query without SERVICE, or start "
                           "the endpoint with `kgb serve --allow-service` if it may.")
    graphs = [(name, value) for name, value in params if name in GRAPH_PARAMETERS]
    if not graphs and not has_dataset_clause(query):
        graphs = [("union-default-graph", "true")]  # no graphs named: the default graph is all of them
    form = urlencode([("query", query)] + graphs).encode()
    return path, {"Content-Type": "application/x-www-form-urlencoded"}, form


class _Relay(RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

    def initialize(self, front: "Front") -> None:
        self.front = front

    def compute_etag(self) -> None:  # the server's answers carry their own validators
        return None

    async def get(self) -> None:
        request = self.request
        if not request.path.startswith("/") or request.path.startswith("//"):  # "*", "http://host/…"
            return self._answer(400, f"the request target must be a path such as {QUERY_PATHS[1]}, not {request.path!r}")
        try:
            # in a worker thread: scanning a query takes ~0.5 us a character, and the loop serves everyone
            screened = await asyncio.to_thread(screen, request.method, request.path, request.query,
                                               request.headers.get("Content-Type", ""), request.body,
                                               allow_service=self.front.allow_service)
        except Refused as refusal:
            return self._answer(refusal.status, str(refusal))
        headers = [(k, v) for k, v in request.headers.get_all() if k.lower() not in HOP_BY_HOP]
        headers.append(("Accept-Encoding", request.headers.get("Accept-Encoding", "identity")))
        if screened is None:
            method, target, body = request.method, request.uri, request.body
        else:
            method, (target, extra, body) = "POST", screened
            headers = [(k, v) for k, v in headers if k.lower() != "content-type"] + list(extra.items())
        await self._relay(method, target, headers, body)

    head = post = options = get

    async def _relay(self, method: str, target: str, headers: list[tuple[str, str]], body: bytes) -> None:
        client, upstream = self.front.client, self.front.upstream
        try:
            outgoing = client.build_request(method, upstream + target, headers=headers, content=body)
        except (httpx.InvalidURL, ValueError) as err:
            return self._answer(400, f"cannot read the request target {target!r}: {err}")
        try:
            try:
                response = await client.send(outgoing, stream=True)
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
                # a kept-alive connection the server had just closed: the server is read-only, so
                # sending the request again on a new connection is safe
                response = await client.send(outgoing, stream=True)
        except httpx.ReadTimeout:
            if self.front.on_overdue is not None:
                asyncio.get_running_loop().run_in_executor(None, self.front.on_overdue, upstream)
            return self._answer(503, f"the query ran past the endpoint's timeout ({self.front.timeout_s:g} s) "
                                     "and was stopped; narrow it down (LIMIT, fewer patterns, FILTER early)")
        except httpx.PoolTimeout:
            return self._answer(503, f"the endpoint is busy: {UPSTREAM_CONNECTIONS} queries running and this one "
                                     f"waited {QUEUE_S} s for its turn; try again shortly")
        except httpx.HTTPError as err:
            return self._answer(502, f"the Oxigraph server did not answer ({type(err).__name__}); "
                                     "`kgb serve` stops with it: see its messages")
        try:
            self.set_status(response.status_code, response.reason_phrase or "Status")
            self._clear_headers()
            for name, value in response.headers.multi_items():
                if name.lower() not in HOP_BY_HOP:
                    self.add_header(name, value)
            async for chunk in response.aiter_raw():
                if self.request.method == "HEAD":
                    continue
                self.write(chunk)
                await asyncio.wait_for(self.flush(), self.front.stall_s)
        except (StreamClosedError, asyncio.TimeoutError, httpx.HTTPError):
            self.request.connection.close()  # the client went or stopped reading: the server's query ends too
        finally:
            await response.aclose()

    def _answer(self, status: int, message: str) -> None:
        self.set_status(status)
        self._clear_headers()
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        if self.front.cors:
            self.set_header("Access-Control-Allow-Origin", "*")
        self.finish(message + "\n")

    def _clear_headers(self) -> None:
        for name in ("Content-Type", "Server"):
            self.clear_header(name)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


def _access_log(handler: RequestHandler) -> None:
    request = handler.request
    log.debug("%s %s %s %.0f ms", handler.get_status(), request.method, request.path, 1000 * request.request_time())


class Front:
    """The public socket on ``host:port`` (port 0: any free one), relaying to ``upstream``."""

    def __init__(self, host: str, port: int, *, allow_service: bool = False, cors: bool = False,
                 timeout_s: float = 30, stall_s: float = STALL_S, on_overdue=None):
        self.allow_service, self.cors = allow_service, cors
        self.on_overdue = on_overdue  # called (in a thread) with the upstream a query outran its timeout on
        self.closed = False
        self.timeout_s, self.stall_s = timeout_s, stall_s
        self.upstream = ""  # http://127.0.0.1:PORT of the Oxigraph server, set by the Endpoint
        try:
            self._sockets = bind_sockets(port, host, family=socket.AF_UNSPEC, backlog=BACKLOG)
        except OSError as err:
            raise KGBError(f"cannot serve on {host}:{port}: {err.strerror}; choose another with --port") from err
        self.port = self._sockets[0].getsockname()[1]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kgb-serve-front", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._open(), self._loop).result(timeout=30)

    async def _open(self) -> None:
        self.client = httpx.AsyncClient(
            # the server drops a connection idle for its query timeout: keep them alive for less
            limits=httpx.Limits(max_connections=UPSTREAM_CONNECTIONS, max_keepalive_connections=UPSTREAM_CONNECTIONS,
                                keepalive_expiry=min(5, self.timeout_s / 2)),
            timeout=httpx.Timeout(connect=10, read=self.timeout_s + self.stall_s, write=self.stall_s, pool=QUEUE_S))
        app = Application([(r".*", _Relay, {"front": self})], log_function=_access_log, compress_response=False)
        self.server = HTTPServer(app, idle_connection_timeout=self.stall_s, body_timeout=self.stall_s,
                                 max_header_size=MAX_HEAD, max_body_size=MAX_BODY)
        self.server.add_sockets(self._sockets)

    async def _close(self) -> None:
        self.server.stop()
        try:
            await asyncio.wait_for(self.server.close_all_connections(), 5)
        except asyncio.TimeoutError:
            pass
        await self.client.aclose()

    def close(self) -> None:
        """Stop listening, drop open connections and end the event loop's thread."""
        self.closed = True
        if not self._loop.is_running():
            return
        try:
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()
