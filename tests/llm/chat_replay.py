"""A chat-completions server on loopback that replays scripted answers and records every request.

It speaks the part of the OpenAI protocol quizgen uses (POST /v1/chat/completions), one scripted
`Step` per request, in order: a reply, an error status with a body and headers, a delay longer than
the client's timeout, or vanishing (the connection dropped and the port closed, as a server that
is stopped mid-run). A request with no step left gets a 400 that names the problem, so that a test
asking more than it scripted fails loudly.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    """How the server answers one request."""

    content: str | None = None  # the assistant's text, for a 200
    status: int = 200
    error: Any = None  # the JSON body of an error response
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    vanish: bool = False  # drop the connection unanswered and stop listening
    drop: bool = False  # drop the connection unanswered, and go on listening
    tokens: int = 100  # total_tokens reported in `usage`


def reply(content: str, tokens: int = 100) -> Step:
    return Step(content=content, tokens=tokens)


def cards(*items: dict[str, Any]) -> Step:
    """A reply holding these cards (each a dict as the model would write it)."""
    return reply(json.dumps({"cards": list(items)}))


def card(kind: str, sentence: int, answer: str, question: str = "", **more: Any) -> dict[str, Any]:
    return {"kind": kind, "sentence": sentence, "question": question, "answer": answer, **more}


def error(status: int, message: str, headers: dict[str, str] | None = None, **more: Any) -> Step:
    return Step(status=status, error={"error": {"message": message, **more}}, headers=headers or {})


class ReplayServer:
    """`with ReplayServer([steps]) as server:` … `server.url`, `server.requests` (the JSON bodies)."""

    def __init__(self, steps: list[Step]) -> None:
        self.steps = list(steps)
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.replay = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._stopped = False

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        self._httpd.shutdown()
        self._httpd.server_close()

    def next_step(self, body: dict[str, Any], path: str, headers: dict[str, str]) -> Step | None:
        with self._lock:
            self.requests.append(body)
            self.paths.append(path)
            self.headers.append(headers)
            return self.steps.pop(0) if self.steps else None

    def messages(self, n: int) -> list[dict[str, str]]:
        """The messages of the n-th request."""
        return list(self.requests[n]["messages"])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    replay: ReplayServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # the test output stays clean
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"unreadable": raw.decode("utf-8", "replace")}
        replay = self.server.replay
        if not self.path.endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
            return
        step = replay.next_step(body, self.path, {k.lower(): v for k, v in self.headers.items()})
        if step is None:
            self._send(400, {"error": {"message": "replay: no scripted answer left"}}, {})
            return
        if step.delay:
            time.sleep(step.delay)
        if step.vanish:
            replay._stopped = True
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            self.server.socket.close()  # nothing listens any more: the next connection is refused
            self.close_connection = True
            self.connection.close()
            return
        if step.drop:
            self.close_connection = True
            self.connection.close()
            return
        if step.status != 200:
            self._send(step.status, step.error, step.headers)
            return
        payload = {
            "id": f"chatcmpl-replay-{len(replay.requests)}",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", ""),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": step.content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": step.tokens // 2,
                "completion_tokens": step.tokens - step.tokens // 2,
                "total_tokens": step.tokens,
            },
        }
        self._send(200, payload, step.headers)

    def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test)
