"""Careers Inspection Coach: records, evidence, mock interviews and knowledge for CEIAG inspection.

Layers: domain packages (records, evidence, interview, knowledge) import no Rasa; `bot.rasa` is the
thin Rasa integration; `bot.app` runs it (the `coach` command, terminal chat, server supervision).
"""

__version__ = "0.1.0"
