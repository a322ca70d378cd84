"""The programme's domain as SQLAlchemy 2.x models: reference data, facts and the record of loads.

Each group of tables lives in its module (`base`, `reference`, `facts`, `accounts`, `publishing`);
this package gathers them, so that importing `data.models` registers every table (the store's
exports and the migrations read the whole of `Base.metadata`) and callers import any model from
here.
"""

from __future__ import annotations

from data.models.accounts import AccountSession, AuditEvent, LoginAttempt, User
from data.models.base import NAMING_CONVENTION, ActionStatus, Aggregation, Base, LoadStatus, Role
from data.models.facts import (
    OBSERVATION_KEY,
    DataLoad,
    Event,
    EventAttendance,
    Observation,
    ObservationRollup,
    Outcome,
    ReplacedRow,
    StoreInfo,
    UploadJob,
)
from data.models.publishing import (
    DigestSend,
    DigestSubscription,
    EmbedOrigin,
    Interpretation,
    RenderGrant,
)
from data.models.reference import (
    Action,
    Category,
    DimensionValue,
    Indicator,
    Partner,
    Target,
    TargetRevision,
    Territory,
)

__all__ = [
    "AccountSession",
    "Action",
    "ActionStatus",
    "Aggregation",
    "AuditEvent",
    "Base",
    "Category",
    "DataLoad",
    "DigestSend",
    "DigestSubscription",
    "DimensionValue",
    "EmbedOrigin",
    "Event",
    "EventAttendance",
    "Indicator",
    "Interpretation",
    "LoadStatus",
    "LoginAttempt",
    "NAMING_CONVENTION",
    "OBSERVATION_KEY",
    "Observation",
    "ObservationRollup",
    "Outcome",
    "Partner",
    "RenderGrant",
    "ReplacedRow",
    "Role",
    "StoreInfo",
    "Target",
    "TargetRevision",
    "Territory",
    "UploadJob",
    "User",
]
