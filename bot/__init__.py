"""Careers Inspection Coach: records, evidence, mock interviews and knowledge for CEIAG inspection.

Layers: domain packages (records, evidence, interview, knowledge) import no Rasa; `bot.rasa` is the
thin Rasa integration; `bot.app` runs it (the `coach` command, terminal chat, server supervision).
"""
import os

# Quiet third-party noise before anything heavy is imported (spaCy pulls in TensorFlow).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("LOG_LEVEL_LIBRARIES", "ERROR")
os.environ.setdefault("PYTHONWARNINGS", "ignore")

__version__ = "0.1.0"
