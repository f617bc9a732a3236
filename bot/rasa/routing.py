"""The intent router in the NLU pipeline (after the classifiers): bot/routing.py decides."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import routing


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentRouter(GraphComponent):
    """Domain guard and evidence routing over the classifier's intent (see bot/routing.py)."""

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> IntentRouter:
        from bot.knowledge import search

        search.topic_classifier()  # built once at start-up, not on the first message
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            current = message.get(INTENT) or {}
            routed = routing.route(message.get(TEXT) or "", current.get("name"), message.get(INTENT_RANKING_KEY) or [])
            if routed is not None:
                confidence = next(
                    (x.get("confidence", 0.0) for x in message.get(INTENT_RANKING_KEY) or [] if x.get("name") == routed.intent),
                    current.get("confidence", 0.0),
                )
                message.set(INTENT, {"name": routed.intent, "confidence": confidence, "routed": routed.reason}, add_to_output=True)
        return messages
