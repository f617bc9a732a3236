"""Run Rasa's command line quietly: `python -m bot.rasa.main train ...` behaves like `rasa train ...`.

Rasa's dependencies (Sanic among them) switch deprecation warnings back on at import time, which
buries real messages under dozens of lines. This entry point keeps them off; real errors and
Rasa's own messages still show, with conversation data taken out (`bot.rasa.log_filter`). Part of
the thin Rasa integration layer.
"""

import sys
import warnings

from bot import config

_filterwarnings, _simplefilter = warnings.filterwarnings, warnings.simplefilter
_QUIET = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ImportWarning)


def _is_quiet(category) -> bool:
    return isinstance(category, type) and issubclass(category, _QUIET)


def _filter(action, message="", category=Warning, *args, **kwargs):
    if action != "ignore" and _is_quiet(category):
        return None
    return _filterwarnings(action, message, category, *args, **kwargs)


def _simple(action, category=Warning, *args, **kwargs):
    if action != "ignore" and _is_quiet(category):
        return None
    return _simplefilter(action, category, *args, **kwargs)


def quiet_warnings() -> None:
    for cat in _QUIET:
        _filterwarnings("ignore", category=cat)
    warnings.filterwarnings, warnings.simplefilter = _filter, _simple
    config.quiet_third_party()


def install_patches() -> None:
    """Rasa's per-turn fixed costs and history bounds (bot.rasa.patches); refuses to start if Rasa differs."""
    from bot.rasa import patches

    s = config.load()
    try:
        patches.apply(s.rasa_patches, s.session_turns)
    except patches.PatchError as exc:
        sys.exit(f"Not starting: {exc}")


def main() -> None:
    from bot.rasa import log_filter

    quiet_warnings()
    if sys.argv[1:2] == ["run"]:  # the server: no tracker, answer text or request body in any log line
        log_filter.install()
        install_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
