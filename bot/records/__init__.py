"""The records layer: the only place pupil-level rows are read or written.

Everything outside this package sees aggregates (counts, bases, percentages) only.
"""
