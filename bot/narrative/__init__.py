"""The evidence narrative: flags as sections, the careers lead's reasons, the pack with charts, and targeting lists.

- `flags`: what an inspector may ask the school to explain, each with a stable key (from `bot.evidence`)
- `sections`: a flag with its trend, reference and the context the records hold
- `store`: the careers lead's reasons, per school and flag, kept across re-imports
- `charts`: matplotlib charts as inline SVG, each with its data and a text alternative
- `pack`: the self-contained evidence pack (HTML; `pdf` prints it with Chromium)
- `gaps`: the pupils still needing an activity (written to a local CSV only)
- `walk`: the chat walk-through, with no Rasa in it
"""
