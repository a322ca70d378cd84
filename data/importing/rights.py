"""Who may load, approve and undo, decided from the viewer resolved on the server."""

from __future__ import annotations

from data.access import Viewer
from data.models import Role

MANAGERS = (Role.PROGRAMME_MANAGER.value, Role.ADMINISTRATOR.value)


def can_import(viewer: Viewer) -> bool:
    if viewer.role in MANAGERS:
        return True
    return viewer.role == Role.PARTNER_EDITOR.value and bool(viewer.partner_slug)


def editor_partner(viewer: Viewer) -> str | None:
    """The only partner a partner editor may load for; None for managers (any partner)."""
    return viewer.partner_slug if viewer.role == Role.PARTNER_EDITOR.value else None


def publishes_at_once(viewer: Viewer) -> bool:
    """A programme manager's load is published at once; a partner editor's waits for approval."""
    return viewer.role in MANAGERS


def can_approve(viewer: Viewer) -> bool:
    return viewer.role in MANAGERS


def can_undo(viewer: Viewer, load_partner: str | None, load_published: bool) -> bool:
    """Managers undo any load; a partner editor only their partner's loads not yet published."""
    if viewer.role in MANAGERS:
        return True
    return (
        viewer.role == Role.PARTNER_EDITOR.value
        and bool(viewer.partner_slug)
        and load_partner == viewer.partner_slug
        and not load_published
    )


def can_export_store(viewer: Viewer) -> bool:
    """The whole store holds unpublished rows and who loaded what: managers only."""
    return viewer.role in MANAGERS


def author(viewer: Viewer) -> str:
    return viewer.email or viewer.role
