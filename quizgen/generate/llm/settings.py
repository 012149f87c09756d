"""What the language-model engine is asked to do, checked before any article is read."""

from __future__ import annotations

import ipaddress
import os
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from quizgen.errors import InputError

ENGINES = ("rules", "llm", "rules+llm")
DEFAULT_BASE_URL = "http://localhost:11434/v1"  # Ollama's OpenAI-compatible endpoint
API_KEY_VARIABLES = ("QUIZGEN_API_KEY", "OPENAI_API_KEY")
DEFAULT_TIMEOUT = 120.0
DEFAULT_CHUNK_TOKENS = 1200

LlmEngine = Literal["llm", "rules+llm"]


class LlmSettings(BaseModel):
    """How to reach the model and what to ask of it (the API key is read from the environment by
    the client, never kept here, so that no setting object can print it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: LlmEngine = Field(description="'llm': the model writes cards; 'rules+llm': it rewords questions.")
    model: str = Field(min_length=1, description="The model's name as the server knows it.")
    base_url: str = Field(default=DEFAULT_BASE_URL, description="The server's OpenAI-compatible base URL.")
    verify: bool = Field(default=False, description="Answer each question again from its sentence alone.")
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, description="Seconds to wait for one reply.")
    chunk_tokens: int = Field(
        default=DEFAULT_CHUNK_TOKENS,
        ge=100,
        description="About how many tokens of article one request holds.",
    )
    retries: int = Field(default=4, ge=0, description="Retries of a rate-limited or failed request.")
    backoff: float = Field(default=1.0, ge=0, description="First wait between retries, in seconds (doubles).")
    max_wait: float = Field(default=60.0, ge=0, description="The longest Retry-After honoured, in seconds.")
    use_cache: bool = Field(default=True, description="Keep replies on disk and reuse them.")

    @property
    def local(self) -> bool:
        """Whether the server is on this machine (nothing leaves it)."""
        return is_loopback(self.base_url)


def is_loopback(url: str) -> bool:
    """Whether a URL names this machine: localhost or a loopback address."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def api_key() -> str | None:
    """The API key from ``QUIZGEN_API_KEY`` or, failing that, ``OPENAI_API_KEY`` (None: send none)."""
    for name in API_KEY_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def llm_settings(
    engine: str,
    model: str | None,
    base_url: str | None = None,
    verify: bool = False,
    timeout: float | None = None,
    chunk_tokens: int | None = None,
) -> LlmSettings | None:
    """The settings for `--engine ENGINE --model NAME …` (None for the rule engine), or an
    `InputError` that says which option is wrong."""
    name = (engine or "rules").strip().lower()
    if name not in ENGINES:
        raise InputError(f"unknown engine {engine!r}", hint="choose from " + ", ".join(ENGINES))
    model_options = {
        "--model": model is not None,
        "--base-url": base_url is not None,
        "--verify": verify,
        "--timeout": timeout is not None,
        "--chunk-tokens": chunk_tokens is not None,
    }
    if name == "rules":
        given = [option for option, used in model_options.items() if used]
        if given:
            raise InputError(
                f"{given[0]} is for the language-model engines",
                hint="add --engine llm (or rules+llm) to use a model",
            )
        return None
    if not model or not model.strip():
        raise InputError(
            f"--engine {name} needs --model NAME", hint="for example --model llama3.2 (see `ollama list`)"
        )
    url = (base_url or DEFAULT_BASE_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"--base-url {base_url!r} is not an http(s) URL", hint="for example http://localhost:11434/v1"
        )
    return LlmSettings(
        engine=name,  # type: ignore[arg-type]
        model=model.strip(),
        base_url=url,
        verify=verify,
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        chunk_tokens=DEFAULT_CHUNK_TOKENS if chunk_tokens is None else chunk_tokens,
    )
