"""The action server, bound to loopback, refusing calls without the shared secret when one is set.

`python -m bot.rasa.action_server --port 5055`. With COACH_ACTIONS_SECRET set, every call to /webhook
must carry it (Rasa sends it as the action endpoint's `token` query parameter); /health stays open.
An action that fails still answers: the user gets a plain apology and the conversation is left as
it was. Nothing of the request (the tracker, the user's text) is ever sent back or logged.
Part of the thin Rasa integration layer.
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import zlib

from bot import config
from bot.rasa.main import quiet_warnings

log = logging.getLogger(__name__)
ACTION_FAILED = (
    "Sorry, something went wrong on my side with that message, and nothing has been changed. "
    'Please try again, or put it another way. Type "help" to see what I can do.'
)


def failure_reply(action_name: str) -> dict:
    """What Rasa gets when an action fails: an apology and no events."""
    return {"events": [], "responses": [{"text": ACTION_FAILED}]}


def _action_call(request):
    try:
        if request.headers.get("Content-Encoding") == "deflate":
            return json.loads(zlib.decompress(request.body))
        return request.json
    except Exception:  # not JSON
        return None


def create_app(secret: str | None, package: str = "actions"):
    from rasa_sdk import utils
    from rasa_sdk.executor import ActionExecutor
    from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
    from sanic import Sanic, response

    app = Sanic("coach_actions", configure_logging=False)
    executor = ActionExecutor()
    executor.register_package(package)

    @app.middleware("request")
    async def require_secret(request):
        if request.path.rstrip("/") in ("/health",):
            return None
        if secret:
            given = request.args.get("token") or request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if not given or not hmac.compare_digest(given.encode(), secret.encode()):
                return response.json({"error": "forbidden"}, status=403)
        return None

    @app.get("/health")
    async def health(_request):
        return response.json({"status": "ok"})

    @app.post("/webhook")
    async def webhook(request):
        call = _action_call(request)
        if not isinstance(call, dict) or not isinstance(call.get("tracker"), dict):
            return response.json({"error": "invalid action call"}, status=400)
        name = str(call.get("next_action") or "")
        utils.check_version_compatibility(call.get("version"))
        try:
            return response.json(await executor.run(call) or failure_reply(name))
        except ActionExecutionRejection as exc:
            return response.json({"error": exc.message, "action_name": exc.action_name}, status=400)
        except ActionNotFoundException as exc:
            log.error("no action called %s", exc.action_name)
            return response.json({"error": "no such action", "action_name": exc.action_name}, status=404)
        except Exception as exc:  # the user still gets a reply; the log gets the frames, not the data
            log.error("action %s failed", name, exc_info=exc)
            return response.json(failure_reply(name))

    @app.exception(Exception)
    async def on_error(request, exception):
        log.error("request to %s failed: %s", request.path, type(exception).__name__)
        return response.json({"error": "internal error"}, status=getattr(exception, "status_code", 500))

    return app


def main() -> None:
    from bot.rasa import log_filter

    quiet_warnings()
    log_filter.install()
    settings = config.load()
    parser = argparse.ArgumentParser(prog="coach-actions")
    parser.add_argument("--port", type=int, default=settings.actions_port)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    logging.basicConfig(level=settings.log_level)
    if settings.log_level != "DEBUG":
        for name in ("sanic.access", "sanic.root", "sanic.error", "rasa_sdk"):
            logging.getLogger(name).setLevel(logging.WARNING)
    app = create_app(settings.actions_secret)
    app.run(host=args.host, port=args.port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
