"""The thin Rasa integration: the only package in `bot` that imports rasa, rasa_sdk or sanic.

- `main`: Rasa's own command line, quietly (`python -m bot.rasa.main train ...`).
- `action_server`: the SDK action server on loopback, refusing calls without the shared secret.
- `web_channel`: the protected chat channel and page at /webhooks/coach/, built from
  `tokens` (credentials), `access` (whose records a conversation sees), `open_mode` (loopback
  and the signed browser cookie), `inbound` (text hygiene and typed payloads).
- `log_filter`: no conversation data in either server's logs; `secret_files`: owner-only files.
"""
