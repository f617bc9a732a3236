"""Rasa components around the NLU pipeline: typo correction before it, and the domain guard after it.

- ``SpellingCorrector`` (first in the pipeline): the message text is corrected with
  ``bot.spelling`` so every later component (spaCy entity ruler, featurizers, classifier) reads
  "destinations" where staff typed "destiantions". Training examples go through it too.
- ``SpellingRestorer`` (last): puts back the text exactly as typed, so what the user sees, the
  interview answers and the transcripts are untouched, and maps entity offsets back onto it. The
  corrected text stays in the parse data as ``corrected_text``.
(The intent router after the classifiers is bot/rasa/routing.py.)
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import spelling

ORIGINAL = "coach_original_text"
CORRECTED = "corrected_text"
CHANGES = "coach_spelling_changes"


def _changes(corrected: spelling.Corrected) -> list[dict[str, Any]]:
    return [
        {"said": c.said, "fixed": c.fixed, "start": c.start, "end": c.end, "new_start": c.new_start, "new_end": c.new_end}
        for c in corrected.changes
    ]


def _from_message(message: Message) -> spelling.Corrected | None:
    original = message.get(ORIGINAL)
    if original is None:
        return None
    changes = tuple(spelling.Change(**c) for c in message.get(CHANGES) or ())
    return spelling.Corrected(original, message.get(TEXT), changes)


class _Stateless(GraphComponent):
    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> _Stateless:
        return cls()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SpellingCorrector(_Stateless):
    """Correct typos and shorthand in the message text before any other component reads it."""

    @staticmethod
    def _correct(message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str) or not text:
            return
        corrected = spelling.correct(text)
        if corrected.text == text:
            return
        message.set(ORIGINAL, text)
        message.set(CHANGES, _changes(corrected))
        message.set(CORRECTED, corrected.text, add_to_output=True)
        message.set(TEXT, corrected.text)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._correct(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._correct(message)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class SpellingRestorer(_Stateless):
    """Put back the text as typed and map entity offsets onto it."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            corrected = _from_message(message)
            if corrected is None:
                continue
            for ent in message.get(ENTITIES) or []:
                if isinstance(ent.get("start"), int) and isinstance(ent.get("end"), int):
                    ent["start"], ent["end"] = corrected.to_original(ent["start"], ent["end"])
            message.set(TEXT, corrected.original)
        return messages
