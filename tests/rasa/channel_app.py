"""A Sanic app with only the coach web channel, for testing it without a trained model.

`python -m tests.rasa.channel_app HOST PORT`. Settings come from the environment, as in Rasa. The
stand-in for Rasa answers every message with what the channel handed it (sender, text, metadata,
parse data) and keeps a tiny conversation record, so the channel can look up offered buttons:
"offer buttons" makes it offer OFFERED.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

OFFERED = [{"title": "Alpha", "payload": '/choose_school{"school_name": "Alpha"}'}, {"title": "Hint", "payload": "give me a hint"}]


class Store:
    """Stands in for Rasa's tracker store (retrieve -> something with .events)."""

    def __init__(self):
        self.events = {}

    async def retrieve(self, sender):
        return SimpleNamespace(events=self.events.get(sender, [])) if sender in self.events else None


def build_app():
    from rasa.shared.core.events import BotUttered, UserUttered
    from sanic import Sanic

    from bot.rasa.web_channel import CoachChannel

    app = Sanic("coach_channel_harness", configure_logging=False)
    store = Store()
    app.ctx.agent = SimpleNamespace(tracker_store=store)

    async def on_new_message(message):
        events = store.events.setdefault(message.sender_id, [])
        events.append(UserUttered(message.text))
        seen = {
            "sender": message.sender_id,
            "text": message.text,
            "metadata": message.metadata,
            "parse_data": getattr(message, "parse_data", None),
        }
        await message.output_channel.send_custom_json(message.sender_id, seen)
        if message.text == "offer buttons":
            await message.output_channel.send_text_with_buttons(message.sender_id, "Pick one", OFFERED)
            events.append(BotUttered("Pick one", {"buttons": OFFERED}))

    channel = CoachChannel.from_credentials({})
    app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/coach")
    return app


if __name__ == "__main__":
    build_app().run(host=sys.argv[1], port=int(sys.argv[2]), workers=1, access_log=False, motd=False)
