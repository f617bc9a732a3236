"""Subcommands added by later features (transcripts, serve, purge) register here."""


def register(sub) -> None:
    return None
