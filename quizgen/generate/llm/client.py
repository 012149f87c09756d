"""HTTP to an OpenAI-compatible chat-completions server, with one clear error per way it fails.

Requests ask for temperature 0 and a seed (the same article gives the same cards where the server
honours them) and for structured output with a JSON schema. A server that refuses one of these
optional parameters (an older llama.cpp refuses `response_format`, some models refuse a
temperature or a seed) is asked again without it, once, and not sent it again in this run.

Retries are bounded: a 429 or a 5xx is retried after the server's Retry-After (up to
`max_wait` seconds) or a doubling backoff, a dropped connection likewise; a timeout, a refused
connection, a refused key, an unknown model or a request too long for the model's context is not,
since asking again would fail again. httpx is imported here only, when the first request is made.
"""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from quizgen.errors import LlmError
from quizgen.generate.llm.prompt import ChatMessage, estimate_tokens
from quizgen.generate.llm.settings import API_KEY_VARIABLES, LlmSettings, api_key

if TYPE_CHECKING:
    import httpx

MAX_TOKENS = 4096  # a reply longer than this is a model repeating itself
OPTIONAL_PARAMETERS = ("response_format", "seed", "max_tokens", "temperature")
CONTEXT_OVERFLOW = re.compile(
    r"context[ _](length|size|window)|maximum context|too many tokens|prompt is too long|"
    r"exceeds? the (available )?context|input is too long|reduce the length",
    re.I,
)
RETRIED_STATUSES = {429, 500, 502, 503, 504}


class ChatReply(BaseModel):
    """The text of the model's reply, and what it cost."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    tokens: int
    finish_reason: str | None = None


class ServerComplaint(BaseModel):
    """What an error response says, as far as it says it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: int
    message: str
    code: str | None = None
    param: str | None = None


def _httpx() -> Any:
    try:
        import httpx
    except ImportError:
        raise LlmError(
            "the language-model engine needs the httpx package, which is not installed",
            hint="pip install 'quizgen[llm]'",
        ) from None
    return httpx


class ChatClient:
    """One server and model; counts the requests it makes and the tokens they cost."""

    def __init__(
        self,
        settings: LlmSettings,
        seed: int = 0,
        key: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        lib = _httpx()
        self.settings = settings
        self.url = settings.base_url.rstrip("/") + "/chat/completions"
        self.key = key if key is not None else api_key()
        self.seed = seed
        self.sleep = sleep
        self.requests = 0
        self.tokens = 0
        self.refused: set[str] = set()  # optional parameters this server refused
        self._answered = 0
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        self._http: httpx.Client = lib.Client(
            headers=headers,
            timeout=lib.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
            # a proxy from the environment must not see a request meant for this machine
            trust_env=not settings.local,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def complete(self, messages: list[ChatMessage], schema: dict[str, Any] | None = None) -> ChatReply:
        """The model's reply to `messages`, asked for in the shape `schema` describes."""
        lib = _httpx()
        failures = 0
        while True:
            body = self._body(messages, schema)
            self.requests += 1
            try:
                response = self._http.post(self.url, json=body)
            except lib.ConnectError as exc:
                raise self._unreachable(exc) from None
            except lib.TimeoutException:
                raise LlmError(
                    f"the model server at {self.settings.base_url} did not answer within "
                    f"{self.settings.timeout:g} s",
                    hint="a slow model needs a longer --timeout; a smaller --chunk-tokens asks less at once",
                ) from None
            except lib.TransportError as exc:  # the connection dropped mid-request
                failures += 1
                if failures > self.settings.retries:
                    raise self._lost(exc) from None
                self.sleep(self._backoff(failures))
                continue
            if response.status_code == 200:
                self._answered += 1
                return self._reply(response, messages)
            complaint = complaint_of(response)
            refused = self._refused_parameter(complaint, body)
            if refused is not None:
                self.refused.add(refused)  # asked again at once, without it
                continue
            self._raise_for(complaint)
            failures += 1
            wait = retry_after(response.headers)
            if wait is not None and wait > self.settings.max_wait:
                raise LlmError(
                    f"the model server at {self.settings.base_url} is rate-limiting quizgen and asks "
                    f"it to wait {wait:g} s",
                    hint="try again later, or use another model or server",
                )
            if failures > self.settings.retries:
                what = "is rate-limiting quizgen" if complaint.status == 429 else "keeps failing"
                raise LlmError(
                    f"the model server at {self.settings.base_url} {what} ({complaint.status}: "
                    f"{complaint.message}); gave up after {failures} tries",
                    hint="try again later",
                )
            self.sleep(wait if wait is not None else self._backoff(failures))

    def _body(self, messages: list[ChatMessage], schema: dict[str, Any] | None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.settings.model,
            "messages": [m.model_dump() for m in messages],
            "stream": False,
            "temperature": 0,
            "seed": self.seed,
            "max_tokens": MAX_TOKENS,
        }
        if schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "reply", "strict": True, "schema": schema},
            }
        for name in self.refused:
            body.pop(name, None)
        return body

    def _reply(self, response: httpx.Response, messages: list[ChatMessage]) -> ChatReply:
        try:
            data = response.json()
            choice = data["choices"][0]
            text = choice["message"].get("content") or ""
            finish = choice.get("finish_reason")
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise LlmError(
                f"{self.url} did not answer as a chat-completions endpoint",
                hint="check --base-url: it is the part before /chat/completions (Ollama: "
                "http://localhost:11434/v1)",
            ) from None
        if not isinstance(text, str):
            text = ""
        usage = data.get("usage") if isinstance(data, dict) else None
        tokens = usage.get("total_tokens") if isinstance(usage, dict) else None
        if not isinstance(tokens, int):
            tokens = sum(estimate_tokens(m.content) for m in messages) + estimate_tokens(text)
        self.tokens += tokens
        return ChatReply(text=text, tokens=tokens, finish_reason=finish if isinstance(finish, str) else None)

    def _refused_parameter(self, complaint: ServerComplaint, body: dict[str, Any]) -> str | None:
        """The optional parameter a 400/422 names, if the request carried it."""
        if complaint.status not in (400, 422):
            return None
        said = f"{complaint.param or ''} {complaint.message}".lower()
        names = {"json_schema": "response_format", "structured": "response_format"}
        for word, name in [*((p, p) for p in OPTIONAL_PARAMETERS), *names.items()]:
            if word in said and name in body:
                return name
        return None

    def _raise_for(self, complaint: ServerComplaint) -> None:
        """Raise the error for a response not worth retrying; return for one that is."""
        where = self.settings.base_url
        status, said = complaint.status, complaint.message
        if status in (401, 403):
            first, second = API_KEY_VARIABLES
            if not self.key:
                raise LlmError(
                    f"the model server at {where} needs an API key ({status}: {said})",
                    hint=f"set {first} (or {second})",
                )
            raise LlmError(
                f"the model server at {where} refused the API key ({status}: {said})",
                hint=f"check {first} (or {second}, read when the first is unset)",
            )
        if status == 404:
            if "model" in said.lower():
                raise LlmError(
                    f"the model server at {where} has no model {self.settings.model!r} ({said})",
                    hint=f"ollama pull {self.settings.model} (Ollama), or the name the server lists",
                )
            raise LlmError(
                f"no chat-completions endpoint at {self.url} (404: {said})",
                hint="check --base-url: it is the part before /chat/completions (Ollama: "
                "http://localhost:11434/v1)",
            )
        if status == 413 or (status in (400, 422, 500) and CONTEXT_OVERFLOW.search(said)):
            raise LlmError(
                f"a part of the article is too long for the context of {self.settings.model!r} ({said})",
                hint=f"lower --chunk-tokens (now {self.settings.chunk_tokens}), or use a model with a "
                "longer context",
            )
        if status == 429 and complaint.code in ("insufficient_quota", "billing_hard_limit_reached"):
            raise LlmError(f"the model server at {where} refused: the account's quota is used up ({said})")
        if status not in RETRIED_STATUSES:
            raise LlmError(f"the model server at {where} refused the request ({status}: {said})")

    def _backoff(self, failures: int) -> float:
        return min(self.settings.max_wait, self.settings.backoff * 2 ** (failures - 1))

    def _unreachable(self, exc: Exception) -> LlmError:
        where = self.settings.base_url
        if self._answered:
            return LlmError(
                f"the model server at {where} stopped answering after {self._answered} replies ({exc})",
                hint="nothing was written; run the same command again once the server is back "
                "(replies so far are cached)",
            )
        hint = "is the server running? For Ollama: `ollama serve`" if self.settings.local else None
        return LlmError(f"cannot reach the model server at {where} ({exc})", hint=hint or "check --base-url")

    def _lost(self, exc: Exception) -> LlmError:
        return LlmError(
            f"the connection to the model server at {self.settings.base_url} kept dropping ({exc})",
            hint="nothing was written; run the same command again once the server is back",
        )


def complaint_of(response: httpx.Response) -> ServerComplaint:
    """The message, code and parameter an error response gives (OpenAI, Ollama and llama.cpp
    shapes), made safe to print on one line."""
    message, code, param = "", None, None
    try:
        data = response.json()
    except ValueError:
        data = None
    error = data.get("error", data) if isinstance(data, dict) else None
    if isinstance(error, dict):
        message = str(error.get("message") or error.get("detail") or "")
        code = str(error["code"]) if error.get("code") is not None else None
        param = str(error["param"]) if error.get("param") is not None else None
    elif isinstance(error, str):
        message = error
    if not message:
        message = response.text or response.reason_phrase or "no message"
    return ServerComplaint(status=response.status_code, message=printable(message), code=code, param=param)


def printable(text: str, limit: int = 200) -> str:
    """Server text made safe for a terminal line: no control characters, whitespace collapsed, short."""
    clean = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks to wait: Retry-After in seconds or as a date, or retry-after-ms."""
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
