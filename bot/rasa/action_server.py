"""The action server, bound to loopback, refusing calls without the shared secret when one is set.

`python -m bot.rasa.action_server --port 5055`. With COACH_ACTIONS_SECRET set, every call to /webhook
must carry it (Rasa sends it as the action endpoint's `token` query parameter); /health stays open.
Part of the thin Rasa integration layer.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os

from bot.rasa.main import quiet_warnings


def create_app(secret: str | None):
    from rasa_sdk.endpoint import create_app as sdk_app
    from sanic import response

    app = sdk_app("actions", cors_origins=[])

    @app.middleware("request")
    async def require_secret(request):
        if request.path.rstrip("/") in ("/health",):
            return None
        if secret:
            given = request.args.get("token") or request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if not given or not hmac.compare_digest(given, secret):
                return response.json({"error": "forbidden"}, status=403)
        return None

    return app


def main() -> None:
    quiet_warnings()
    parser = argparse.ArgumentParser(prog="coach-actions")
    parser.add_argument("--port", type=int, default=int(os.environ.get("COACH_ACTIONS_PORT", 5055)))
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("COACH_LOG_LEVEL", "WARNING"))
    for name in ("sanic.access", "sanic.root", "sanic.error", "rasa_sdk"):
        logging.getLogger(name).setLevel(logging.WARNING)
    app = create_app(os.environ.get("COACH_ACTIONS_SECRET") or None)
    app.run(host=args.host, port=args.port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
