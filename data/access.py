"""Who is looking: the viewer's role and partner, and what that lets them read."""

from __future__ import annotations

from dataclasses import dataclass

from data.models import Role

PUBLIC = "public"


@dataclass(frozen=True)
class Viewer:
    """Resolved on the server for every request; never taken from what the browser sends."""

    role: str = PUBLIC  # "public" or a data.models.Role value
    partner_slug: str | None = None  # a partner editor's own partner
    email: str | None = None

    @property
    def is_public(self) -> bool:
        return self.role == PUBLIC

    @property
    def sees_all_unpublished(self) -> bool:
        return self.role in (Role.PROGRAMME_MANAGER.value, Role.ADMINISTRATOR.value)

    @property
    def sees_small_counts(self) -> bool:
        """Small youth counts are shown to programme managers only."""
        return self.sees_all_unpublished

    def unpublished_partners(self) -> tuple[str, ...]:
        if self.role == Role.PARTNER_EDITOR.value and self.partner_slug:
            return (self.partner_slug,)
        return ()


PUBLIC_VIEWER = Viewer()


class AccessRefused(Exception):
    """Raised where a viewer asks for what their role does not allow; the web layer answers
    403 with this message and nothing else."""

    def __init__(self, message: str = "Accès refusé : votre compte ne permet pas cette opération."):
        super().__init__(message)


def require(viewer: Viewer, allowed: bool, message: str | None = None) -> None:
    """Refuse unless `allowed` (a decision taken from the server-side viewer)."""
    if not allowed:
        raise AccessRefused(message) if message else AccessRefused()
