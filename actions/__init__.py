"""Rasa custom actions: thin wrappers that call the `bot` package.

Blocking work (database queries, text analysis) runs in a thread so the action server's event
loop stays free. The database engine is created lazily from settings and can be injected by
tests with :func:`actions.deps.use_engine`.
"""
