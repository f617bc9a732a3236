"""Write the knowledge topics' example phrasings as Rasa NLU data for the ask_knowledge intent.

The phrasings live once, in bot/content/knowledge.yml; `make` writes var/nlu/knowledge_topics.yml
from them before training, so the classifier and the topic matcher learn from the same examples.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from bot.knowledge.base import topics

# The ask_knowledge intent learns from the first phrasings of each topic only: more than the evidence intents'
# phrasings can balance take their questions (measured on the development staff sets; bench/results.md). The topic
# matcher uses them all.
NLU_EXAMPLES_PER_TOPIC = 20


def _existing(data_dir: Path) -> set:
    seen = set()
    for f in sorted(Path(data_dir).glob("**/*.yml")):
        for item in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            for line in str(item.get("examples", "")).splitlines():
                seen.add(line.strip()[2:].strip().lower())
    return seen


def render(data_dir: Path = Path("data")) -> str:
    seen, lines = _existing(data_dir), []
    for t in topics().values():
        for e in t.examples[:NLU_EXAMPLES_PER_TOPIC]:
            key = e.strip().lower()
            if key and key not in seen:
                seen.add(key)
                lines.append(e.strip())
    out = [
        "# Generated from bot/content/knowledge.yml by `python -m bot.knowledge.nlu_data`; do not edit.",
        'version: "3.1"',
        "nlu:",
        "- intent: ask_knowledge",
        "  examples: |",
    ]
    out += [f"    - {e}" for e in lines]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    target = Path((argv or sys.argv[1:] or ["var/nlu/knowledge_topics.yml"])[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
