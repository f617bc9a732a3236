"""Evidence figures computed from a school's records, as defined in shared/records-contract.md.

Results are typed aggregates (count, base, percentage, suppression, reference, gap, flag);
no pupil-level value ever leaves :mod:`bot.records` or this package.
"""

from bot.evidence.figures import Figure, Reference, percent, round_half_away  # noqa: F401
from bot.evidence.measures import GROUPS, Evidence  # noqa: F401
