"""Database tables (SQLAlchemy Core). One database holds many schools."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schools = Table(
    "schools",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
)

pupils = Table(
    "pupils",
    metadata,
    Column("school_id", Integer, ForeignKey("schools.id"), primary_key=True),
    Column("pupil_id", String(64), primary_key=True),
    Column("cohort_end", Integer, nullable=False),
    Column("sex", String(1), nullable=True),
    Column("disadvantaged", Boolean, nullable=False),
    Column("sen", String(1), nullable=False),
    Column("left_on", Date, nullable=True),
    Index("ix_pupils_cohort", "school_id", "cohort_end"),
)

activities = Table(
    "activities",
    metadata,
    Column("school_id", Integer, ForeignKey("schools.id"), primary_key=True),
    Column("activity_id", String(200), primary_key=True),
    Column("date", Date, nullable=False),
    Column("activity_type", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("partner", Text, nullable=True),
    Column("benchmarks", String(40), nullable=False, default=""),
    Index("ix_activities_type_date", "school_id", "activity_type", "date"),
)

# One row per pupil per activity; the activity's type and date are copied here so that the
# coverage queries need one index look-up per pupil.
participation = Table(
    "participation",
    metadata,
    Column("school_id", Integer, ForeignKey("schools.id"), primary_key=True),
    Column("activity_id", String(200), primary_key=True),
    Column("pupil_id", String(64), primary_key=True),
    Column("activity_type", String(40), nullable=False),
    Column("date", Date, nullable=False),
    Column("benchmarks", Integer, nullable=False, default=0),  # bit b-1 set for Gatsby benchmark b
    Index("ix_participation_pupil", "school_id", "pupil_id", "activity_type", "date"),
    Index("ix_participation_type_date", "school_id", "activity_type", "date"),
    Index("ix_participation_date", "school_id", "date", "pupil_id", "benchmarks"),
)

destinations = Table(
    "destinations",
    metadata,
    Column("school_id", Integer, ForeignKey("schools.id"), primary_key=True),
    Column("pupil_id", String(64), primary_key=True),
    Column("stage", String(8), primary_key=True),
    Column("leaving_end", Integer, nullable=False),
    Column("destination", String(40), nullable=False),
    Column("nccis_code", Integer, nullable=True),
    Index("ix_destinations_year", "school_id", "stage", "leaving_end"),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id"), nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("source", Text, nullable=False),
    Column("files", Text, nullable=False),  # JSON: {file: {"rows": n, "sha256": ...}}
    Index("ix_imports_school", "school_id", "imported_at"),
)

# Reference figures a school (or trust) loaded with `coach reference`; national ones ship as a file.
reference_figures = Table(
    "reference_figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id"), nullable=True),
    Column("scope", String(40), nullable=False),
    Column("stage", String(8), nullable=False),
    Column("leaving_end", Integer, nullable=False),
    Column("pupil_group", String(40), nullable=False),
    Column("category", String(40), nullable=False),
    Column("percent", String(10), nullable=False),
    Column("source", Text, nullable=False),
    UniqueConstraint("school_id", "scope", "stage", "leaving_end", "pupil_group", "category", name="uq_reference"),
)

# Saved mock interviews (questions, answers, feedback, summary) as JSON; no pupil-level data.
transcripts = Table(
    "transcripts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id"), nullable=True),
    Column("conversation", String(64), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_transcripts_finished", "finished_at"),
)

# The careers lead's reasons for a flag (bot.narrative.store): per school and flag key, not per pupil, so an import
# (which replaces pupils, activities and destinations) leaves them. `figure` is the flag's figure when the reason was
# written; a different figure now marks the reason for review. `checks` holds the claim check's verdicts (JSON).
narrative_reasons = Table(
    "narrative_reasons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id"), nullable=False),
    Column("flag_key", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("figure", String(40), nullable=False),
    Column("checks", Text, nullable=False, default="[]"),
    Column("added_at", DateTime, nullable=False),
    Index("ix_narrative_reasons_flag", "school_id", "flag_key"),
)
