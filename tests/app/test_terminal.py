"""The terminal chat (bot/app/terminal.py): quitting the way a new user types it."""

import io

import pytest

from bot.app.terminal import repl


@pytest.mark.parametrize("typed", ["quit", "Quit", "exit", "/quit", "quit."])
def test_quit_as_typed_ends_the_chat_without_sending_it(typed):
    out = io.StringIO()
    # No server at this address: a message sent there would print an apology instead of ending quietly.
    assert repl("http://127.0.0.1:9/webhooks/rest/webhook", "t", stdin=io.StringIO(f"{typed}\nhello\n"), stdout=out) == 0
    assert "coach>" not in out.getvalue()
