"""The language-model engine: cards written by a model, every one checked against the article.

Any OpenAI-compatible chat-completions server will do (Ollama's and llama.cpp's on localhost, or a
remote API with a key). The article is sent in chunks of numbered sentences; each card the model
returns must cite its sentence, its answer must stand in that sentence, and it must pass the rule
engine's gate (`checks.py`) before it can reach a deck.

One job per module:

- `settings`: what the engine was asked to do (`LlmSettings`), checked before any work is done
- `client`: HTTP to the server (retries, Retry-After, timeouts, one clear error per failure)
- `prompt`: chunks of the article, the messages sent, `PROMPT_VERSION`
- `replies`: the pydantic models of the model's replies, their JSON schema, reading them from text
- `grounding`: a model's card → a `Draft` of the rule engine, tied to its sentence, or why not
- `checks`: the gate for model-written drafts, choices, and the round-trip agreement
- `cache`: replies on disk, so that an unchanged article is not sent again
- `report`: every dropped card counted by reason, requests and tokens
- `engine`: the whole run for one article (`llm`, and the mixed `rules+llm`)

Nothing here imports httpx until a request is about to be made: the core runs without it.
"""
