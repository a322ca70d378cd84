"""Interpretations on figures: what a drop, a peak or a delay on an indicator's chart means.

An interpretation belongs to an indicator, for the indicator's partner or for the programme, at
a date or over a date range; it has a short title, a longer text in a small Markdown subset
(paragraphs, **bold**, *italics*, [links](https://…)) and replies one level deep.

Who may do what is decided here by pure functions of the viewer resolved on the server (tested
as a table of cases, like `data.importing.rights`), and every write — create, edit, delete,
reply, approve, moderate — goes through `_written`, the one place where a change is recorded.

Visibility: « interne » is for the signed-in users of that partner and the programme managers;
« public » is for everyone once published. A partner editor's public text waits, like a load,
for a programme manager's approval; a programme manager's is published at once. A moderated text
is hidden from everyone but programme managers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete as sa_delete
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import audit
from data.access import AccessRefused, Viewer
from data.models import Indicator, Interpretation, Partner, Role
from data.store import bump_data_version

PROGRAMME = "programme"
INTERNAL = "interne"
PUBLIC = "public"
VISIBILITIES = (INTERNAL, PUBLIC)
PUBLISHED = "publie"
AWAITING = "en_attente"
HIDDEN = "masque"
STATUSES = (PUBLISHED, AWAITING, HIDDEN)
MANAGERS = (Role.PROGRAMME_MANAGER.value, Role.ADMINISTRATOR.value)

TITLE_MAX = 120
BODY_MAX = 4000
REPLY_MAX = 2000
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)

# A tag or a comment, as a browser would read it: the text is Markdown, never HTML.
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
# Links in the Markdown text: only web and mail addresses (no javascript:, data:, file:...).
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# What a spreadsheet reads as a formula at the start of a cell (data.spreadsheet_safety): a
# title is a single cell in every export, so it may not start with one.
_TITLE_FORMULA = frozenset("=+-@")


class InterpretationRefused(ValueError):
    """Not a text, date or change that may be stored (the message says why, in French)."""


# -- Who may do what (pure: the viewer and the interpretation's facts) -------------------------


def is_manager(viewer: Viewer) -> bool:
    return viewer.role in MANAGERS


def can_write(viewer: Viewer, scope: str) -> bool:
    """Programme managers write for any scope; a partner editor for their own partner only."""
    if is_manager(viewer):
        return True
    return (
        viewer.role == Role.PARTNER_EDITOR.value
        and bool(viewer.partner_slug)
        and scope == viewer.partner_slug
    )


def is_author(viewer: Viewer, author: str) -> bool:
    return not viewer.is_public and bool(viewer.email) and viewer.email == author


def can_edit(viewer: Viewer, scope: str, author: str) -> bool:
    """Only the author edits, while they may still write for that scope."""
    return is_author(viewer, author) and can_write(viewer, scope)


def can_delete(viewer: Viewer, scope: str, author: str) -> bool:
    """The author deletes their own; a programme manager any."""
    return is_manager(viewer) or can_edit(viewer, scope, author)


def can_moderate(viewer: Viewer) -> bool:
    """Approve a waiting text, hide one, show it again: programme managers only."""
    return is_manager(viewer)


def initial_status(viewer: Viewer, visibility: str) -> str:
    """A partner editor's public text waits for approval; anything else is published at once."""
    if visibility == PUBLIC and not is_manager(viewer):
        return AWAITING
    return PUBLISHED


def can_read(viewer: Viewer, scope: str, visibility: str, status: str, author: str) -> bool:
    """Whether `viewer` sees this interpretation at all (a reply follows its parent too)."""
    # Decided from the role and the partner only (not the e-mail address): pages are cached per
    # role and partner, so two accounts of one partner must read the same texts.
    if is_manager(viewer):
        return True
    if viewer.is_public:
        return visibility == PUBLIC and status == PUBLISHED
    # A signed-in partner account: its own partner's texts (waiting ones shown as waiting),
    # and what the public sees.
    if status == HIDDEN:
        return False
    if scope != PROGRAMME and scope == viewer.partner_slug:
        return True
    return visibility == PUBLIC and status == PUBLISHED


# -- Text checks ---------------------------------------------------------------------------------


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _control_free(text: str, what: str) -> None:
    for char in text:
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            raise InterpretationRefused(
                f"{what} contient un caractère invisible ou de contrôle (U+{ord(char):04X}) : "
                "retirez-le."
            )


def _no_html(text: str, what: str) -> None:
    found = _HTML.search(text)
    if found:
        tag = text[found.start() : found.start() + 12].split(">")[0]
        raise InterpretationRefused(
            f"{what} contient une balise HTML (« {_shown(tag)}… ») : le HTML n'est pas accepté. "
            "Écrivez **gras**, *italique* et [texte du lien](https://adresse)."
        )


def clean_title(text: object) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InterpretationRefused("Indiquez un titre (une phrase courte).")
    title = " ".join(text.split())
    if len(title) > TITLE_MAX:
        raise InterpretationRefused(
            f"Le titre compte {len(title)} caractères : {TITLE_MAX} au plus. "
            "Mettez les détails dans le texte."
        )
    _control_free(title, "Le titre")
    _no_html(title, "Le titre")
    if title[0] in _TITLE_FORMULA:
        raise InterpretationRefused(
            f"Le titre ne peut pas commencer par « {title[0]} » (un tableur le lirait comme une "
            "formule) : commencez par un mot."
        )
    return title


def clean_body(text: object, limit: int = BODY_MAX, what: str = "Le texte") -> str:
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise InterpretationRefused(f"{what} n'est pas lisible.")
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(body) > limit:
        raise InterpretationRefused(
            f"{what} compte {len(body)} caractères : {limit} au plus. Raccourcissez-le."
        )
    _control_free(body, what)
    _no_html(body, what)
    if body[:1] in ("=", "@"):
        raise InterpretationRefused(
            f"{what} ne peut pas commencer par « {body[0]} » (un tableur le lirait comme une "
            "formule) : commencez par un mot."
        )
    for target in _LINK_TARGET.findall(body):
        if not target.lower().startswith(SAFE_SCHEMES):
            shown = target.split(":")[0] + ":" if ":" in target else target
            raise InterpretationRefused(
                f"Le lien « {_shown(shown)} » n'est pas accepté : seules les adresses "
                "https://, http:// et mailto: le sont."
            )
    return body


def clean_dates(start: object, end: object) -> tuple[dt.date, dt.date | None]:
    def parse(value: object, what: str) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise InterpretationRefused(f"{what} n'est pas une date (attendu : AAAA-MM-JJ).")

    first = parse(start, "La date de début")
    last = parse(end, "La date de fin")
    if first is None:
        raise InterpretationRefused("Indiquez la date (ou la date de début de la période).")
    for day in (first, last):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise InterpretationRefused(
                f"La date {day.strftime('%d/%m/%Y')} est hors des années 2000 à 2100."
            )
    if last is not None and last < first:
        raise InterpretationRefused(
            "La date de fin précède la date de début : "
            f"{last.strftime('%d/%m/%Y')} avant {first.strftime('%d/%m/%Y')}."
        )
    if last == first:
        last = None
    return first, last


def clean_visibility(value: object) -> str:
    if value not in VISIBILITIES:
        raise InterpretationRefused("Choisissez « interne » ou « public ».")
    return str(value)


# -- Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """An interpretation as the pages, figures and exports read it."""

    id: int
    indicator_code: str
    scope: str  # a partner slug, or "programme"
    parent_id: int | None
    start_date: dt.date
    end_date: dt.date | None
    title: str
    body: str
    visibility: str
    status: str
    author: str
    created_at: dt.datetime
    edited_at: dt.datetime | None
    replies: tuple[Note, ...] = ()

    @property
    def is_range(self) -> bool:
        return self.end_date is not None


def _slugs(connection) -> dict[int, str]:
    return dict(connection.execute(select(Partner.id, Partner.slug)).all())


def _note(row, slugs: dict[int, str], replies=()) -> Note:
    return Note(
        id=row.id,
        indicator_code=row.indicator_code,
        scope=slugs.get(row.partner_id, ""),
        parent_id=row.parent_id,
        start_date=row.start_date,
        end_date=row.end_date,
        title=row.title,
        body=row.body,
        visibility=row.visibility,
        status=row.status,
        author=row.author,
        created_at=row.created_at,
        edited_at=row.edited_at,
        replies=tuple(replies),
    )


def visible_notes(
    connection,
    viewer: Viewer,
    indicator_codes: list[str] | None = None,
    scopes: list[str] | None = None,
) -> list[Note]:
    """The interpretations `viewer` may read (with the replies they may read), by date.

    `connection`: a Connection or a Session. `scopes`: partner slugs and/or "programme"."""
    slugs = _slugs(connection)
    # Plain rows (not ORM objects), so that a Connection and a Session read the same.
    statement = select(*Interpretation.__table__.columns).order_by(
        Interpretation.start_date, Interpretation.id
    )
    if indicator_codes is not None:
        statement = statement.where(Interpretation.indicator_code.in_(list(indicator_codes)))
    if scopes is not None:
        ids = [pid for pid, slug in slugs.items() if slug in set(scopes)]
        statement = statement.where(Interpretation.partner_id.in_(ids))
    rows = list(connection.execute(statement))
    by_parent: dict[int, list] = {}
    for row in rows:
        if row.parent_id is not None:
            by_parent.setdefault(row.parent_id, []).append(row)

    def readable(row) -> bool:
        return can_read(
            viewer, slugs.get(row.partner_id, ""), row.visibility, row.status, row.author
        )

    notes = []
    for row in rows:
        if row.parent_id is None and readable(row):
            replies = [
                _note(reply, slugs)
                for reply in sorted(by_parent.get(row.id, []), key=lambda r: r.created_at)
                if readable(reply)
            ]
            notes.append(_note(row, slugs, replies))
    return notes


# -- Writing: every change goes through `_written` -------------------------------------------------


def _written(session: Session, viewer: Viewer, action: str, row: Interpretation) -> None:
    """The one place every write passes: flush it, and mark the pages' figures as changed (no
    summary row depends on interpretations: the change set is empty). `action` is one of
    creation, modification, suppression, reponse, approbation, moderation, affichage."""
    session.flush()
    # The audit trail, in the same transaction: who did `action` on which interpretation.
    audit.record(
        session,
        actor=viewer.email or viewer.role,
        action=audit.INTERPRETATION,
        subject=f"interprétation n° {row.id}",
        detail={"geste": action, "indicateur": row.indicator_code, "titre": row.title},
    )
    bump_data_version(session, {})


def _partner_id(session: Session, scope: str) -> int:
    partner_id = session.scalar(select(Partner.id).where(Partner.slug == scope))
    if partner_id is None:
        raise InterpretationRefused(f"Partenaire inconnu : « {_shown(str(scope))} ».")
    return partner_id


def _row(session: Session, interpretation_id: object) -> tuple[Interpretation, str]:
    if not isinstance(interpretation_id, int) or isinstance(interpretation_id, bool):
        raise InterpretationRefused("Interprétation inconnue.")
    row = session.get(Interpretation, interpretation_id)
    if row is None:
        raise InterpretationRefused("Cette interprétation n'existe plus.")
    scope = session.scalar(select(Partner.slug).where(Partner.id == row.partner_id)) or ""
    return row, scope


def create(
    session: Session,
    viewer: Viewer,
    *,
    indicator_code: str,
    scope: str,
    start: object,
    end: object = None,
    title: object,
    body: object = "",
    visibility: object = INTERNAL,
    now: dt.datetime,
) -> int:
    """Add an interpretation; returns its id."""
    if not can_write(viewer, scope):
        raise AccessRefused("Vous ne pouvez écrire d'interprétation que pour votre partenaire.")
    indicator = session.get(Indicator, indicator_code) if isinstance(indicator_code, str) else None
    if indicator is None:
        raise InterpretationRefused(f"Indicateur inconnu : « {_shown(str(indicator_code))} ».")
    partner_id = _partner_id(session, scope)
    if scope != PROGRAMME and indicator.partner_id != partner_id:
        raise InterpretationRefused(
            f"L'indicateur « {indicator_code} » n'est pas un indicateur de « {scope} »."
        )
    first, last = clean_dates(start, end)
    chosen = clean_visibility(visibility)
    row = Interpretation(
        indicator_code=indicator_code,
        partner_id=partner_id,
        start_date=first,
        end_date=last,
        title=clean_title(title),
        body=clean_body(body),
        visibility=chosen,
        status=initial_status(viewer, chosen),
        author=(viewer.email or viewer.role)[:254],
        created_at=now,
    )
    session.add(row)
    _written(session, viewer, "creation", row)
    return row.id


def reply(session: Session, viewer: Viewer, parent_id: object, body: object, now) -> int:
    """Answer an interpretation (one level: a reply to a reply answers its parent)."""
    parent, scope = _row(session, parent_id)
    if parent.parent_id is not None:
        parent, scope = _row(session, parent.parent_id)
    if not can_write(viewer, scope) or not can_read(
        viewer, scope, parent.visibility, parent.status, parent.author
    ):
        raise AccessRefused("Vous ne pouvez pas répondre à cette interprétation.")
    text = clean_body(body, REPLY_MAX, "La réponse")
    if not text:
        raise InterpretationRefused("La réponse est vide.")
    row = Interpretation(
        indicator_code=parent.indicator_code,
        partner_id=parent.partner_id,
        parent_id=parent.id,
        start_date=parent.start_date,
        end_date=parent.end_date,
        title="",
        body=text,
        visibility=parent.visibility,
        status=initial_status(viewer, parent.visibility),
        author=(viewer.email or viewer.role)[:254],
        created_at=now,
    )
    session.add(row)
    _written(session, viewer, "reponse", row)
    return row.id


def edit(
    session: Session,
    viewer: Viewer,
    interpretation_id: object,
    *,
    title: object = None,
    body: object = None,
    start: object = None,
    end: object = None,
    visibility: object = None,
    now: dt.datetime,
) -> None:
    """The author changes their text; a partner editor's public text waits for approval again."""
    row, scope = _row(session, interpretation_id)
    if not can_edit(viewer, scope, row.author):
        raise AccessRefused("Seul son auteur peut modifier cette interprétation.")
    if row.parent_id is None:
        if title is not None:
            row.title = clean_title(title)
        if start is not None:
            row.start_date, row.end_date = clean_dates(start, end)
        if visibility is not None:
            row.visibility = clean_visibility(visibility)
    if body is not None:
        limit, what = (REPLY_MAX, "La réponse") if row.parent_id else (BODY_MAX, "Le texte")
        row.body = clean_body(body, limit, what)
    if row.status != HIDDEN:
        row.status = initial_status(viewer, row.visibility)
    row.edited_at = now
    _written(session, viewer, "modification", row)


def delete(session: Session, viewer: Viewer, interpretation_id: object) -> None:
    """The author deletes their own, a programme manager any (its replies go with it)."""
    row, scope = _row(session, interpretation_id)
    if not can_delete(viewer, scope, row.author):
        raise AccessRefused("Seuls son auteur et les chargés de mission peuvent la supprimer.")
    # The replies first, by one statement (the foreign key's cascade would do it too, behind the
    # session's back, and SQLite enforces foreign keys only when told to).
    session.execute(
        sa_delete(Interpretation)
        .where(Interpretation.parent_id == row.id)
        .execution_options(synchronize_session=False)
    )
    session.delete(row)
    _written(session, viewer, "suppression", row)


def set_status(session: Session, viewer: Viewer, interpretation_id: object, status: str) -> None:
    """Approve (publie), hide (masque) or show again (publie): programme managers only."""
    if not can_moderate(viewer):
        raise AccessRefused("Seuls les chargés de mission approuvent ou masquent un texte.")
    if status not in (PUBLISHED, HIDDEN):
        raise InterpretationRefused("Choisissez « approuver » ou « masquer ».")
    row, _scope = _row(session, interpretation_id)
    action = "approbation" if row.status == AWAITING and status == PUBLISHED else "moderation"
    row.status = status
    row.reviewed_by = (viewer.email or viewer.role)[:254]
    _written(session, viewer, action, row)
