"""The first pass of checking a file: each cell on its own (a known code, a number, a date within
the programme, a required value), as a pandera schema validated lazily, and what each failure
means in plain French.

One of the two passes `data.importing.validation` runs over each chunk; the row checks
(`data.importing.row_checks`) read the cells this pass found readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from data.importing import territory_boundaries
from data.importing.catalog import (
    DIMENSION_NAMES,
    EVENT_KINDS,
    OUTCOME_KINDS,
    OUTCOME_STATUSES,
    PRACTICE_TYPES,
    Catalog,
    Lookup,
)
from data.importing.file_columns import Layout
from data.importing.kinds import ColumnSpec
from data.importing.parsing import clean_text, parse_date, parse_number
from data.importing.problems import Problem, Report, fr_date
from data.reference import PROGRAMME_END, PROGRAMME_START


def _listing(codes, limit: int = 8) -> str:
    codes = list(codes)
    shown = ", ".join(codes[:limit])
    return shown + (", …" if len(codes) > limit else "")


# --- pass 1: each cell


@dataclass(frozen=True)
class CellRule:
    """How one type of cell is read, and the checks (name -> predicate on a non-blank cell)."""

    convert: Callable[[object], object]
    checks: tuple[tuple[str, Callable[[object], bool]], ...]


def _in_programme(value: object) -> bool:
    day = parse_date(value)
    return day is None or PROGRAMME_START <= day <= PROGRAMME_END


def _non_negative(value: object) -> bool:
    number = parse_number(value)
    return number is None or number >= 0


def _whole(value: object) -> bool:
    number = parse_number(value)
    return number is None or float(number).is_integer()


def _lookup_rule(lookup: Lookup) -> CellRule:
    return CellRule(lookup.resolve, (("inconnu", lambda v: lookup.resolve(v) is not None),))


def cell_rules(catalog: Catalog, spec: ColumnSpec) -> CellRule:
    kind = spec.value_type
    if kind == "date":
        return CellRule(
            parse_date,
            (
                ("date", lambda v: parse_date(v) is not None),
                ("date_programme", _in_programme),
            ),
        )
    if kind in ("number", "count"):
        checks = [("nombre", lambda v: parse_number(v) is not None), ("positif", _non_negative)]
        if kind == "count":
            checks.append(("entier", _whole))
        return CellRule(parse_number, tuple(checks))
    if kind == "text":
        limit = spec.max_length
        return CellRule(clean_text, (("longueur", lambda v: len(clean_text(v) or "") <= limit),))
    if kind.startswith("dimension:"):
        return _lookup_rule(catalog.dimensions[kind.split(":", 1)[1]])
    if kind == "territory":
        # Known to the store, and drawable on the maps (data/importing/territory_boundaries.py).
        rule = _lookup_rule(catalog.territories)
        checks = (*rule.checks, territory_boundaries.cell_check(catalog.territories.resolve))
        return CellRule(rule.convert, checks)
    lookups = {
        "indicator": catalog.indicators,
        "partner": catalog.partners,
        "territory": catalog.territories,
        "action": catalog.actions,
        "event_kind": catalog.event_kinds,
        "outcome_kind": catalog.outcome_kinds,
        "outcome_status": catalog.outcome_statuses,
        "practice_type": catalog.practice_types,
    }
    return _lookup_rule(lookups[kind])


def _element_check(name: str, predicate: Callable[[object], bool]) -> pa.Check:
    # Blank cells are the business of `nullable` (a required value), not of the type checks.
    return pa.Check(lambda v: v is None or predicate(v), element_wise=True, name=name)


def _unknown_message(spec: ColumnSpec, value: str, catalog: Catalog) -> str:
    kind = spec.value_type
    if kind == "indicator":
        return (
            f"« {value} » n'est pas un code ni un libellé d'indicateur connu "
            "(la liste des codes figure dans le modèle de fichier)."
        )
    if kind == "partner":
        return (
            f"« {value} » n'est pas un partenaire du programme "
            f"(attendu : {_listing(catalog.partners.labels)})."
        )
    if kind == "territory":
        return f"« {value} » n'est ni un code INSEE ni un nom de territoire connu" + (
            _canton_hint(value, catalog) + "."
        )
    if kind == "action":
        return f"« {value} » n'est pas une action connue (attendu : un code d'action du modèle)."
    if kind.startswith("dimension:"):
        name = kind.split(":", 1)[1]
        return (
            f"« {value} » n'est pas une valeur connue de {DIMENSION_NAMES[name]} "
            f"(attendu : {_listing(catalog.dimensions[name].labels, 12)})."
        )
    tables = {
        "event_kind": ("un type d'événement", EVENT_KINDS),
        "outcome_kind": ("un type de résultat", OUTCOME_KINDS),
        "outcome_status": ("un statut", OUTCOME_STATUSES),
        "practice_type": ("un type de pratique", PRACTICE_TYPES),
    }
    what, table = tables[kind]
    return f"« {value} » n'est pas {what} connu (attendu : {_listing(table, 12)})."


def _canton_hint(value: str, catalog: Catalog) -> str:
    """For a four-digit code (a canton's length): which canton codes the store knows."""
    cantons = sorted(c for c in catalog.territories.labels if len(c) == 4 and c.isdigit())
    if not (len(value) == 4 and value.isdigit() and cantons):
        return ""
    return (
        f" : un canton s'écrit avec son code INSEE à quatre chiffres, de {cantons[0]} à "
        f"{cantons[-1]} (les cantons de l'Essonne)"
    )


def _shown(raw: object) -> str:
    """A cell as the user sees it in French Excel (a number cell with a decimal comma)."""
    if isinstance(raw, float) and not raw.is_integer():
        return repr(raw).replace(".", ",")
    return clean_text(raw) or ""


def _cell_message(check: str, spec: ColumnSpec, raw: object, catalog: Catalog) -> str:
    shown = _shown(raw)
    if check == "not_nullable":
        return "valeur obligatoire manquante."
    if check == "inconnu":
        return _unknown_message(spec, shown, catalog)
    if check == territory_boundaries.CHECK:
        code = catalog.territories.resolve(raw)
        return territory_boundaries.message(shown, code, catalog.territories.labels.get(code))
    if check == "date":
        return (
            f"« {shown} » n'est pas une date valide : attendu jj/mm/aaaa (par exemple 15/03/2012)."
        )
    if check == "date_programme":
        return (
            f"la date {fr_date(parse_date(raw))} est en dehors du programme "
            f"(du {fr_date(PROGRAMME_START)} au {fr_date(PROGRAMME_END)})."
        )
    if check == "nombre":
        return f"« {shown} » n'est pas un nombre."
    if check == "positif":
        return f"« {shown} » est négatif : un nombre positif ou nul est attendu."
    if check == "entier":
        return f"« {shown} » n'est pas un nombre entier de personnes."
    if check == "longueur":
        return f"le texte compte {len(shown)} caractères : {spec.max_length} au plus sont acceptés."
    return f"valeur refusée (« {shown} »)."


def cell_pass(
    frame: pd.DataFrame, layout: Layout, catalog: Catalog, report: Report
) -> dict[int, set[str]]:
    """Validate every cell; return, for each line with a problem, the columns that have one."""
    rules = {key: cell_rules(catalog, layout.specs[key]) for key in layout.positions}
    schema = pa.DataFrameSchema(
        {
            key: pa.Column(
                None,
                nullable=not layout.specs[key].required,
                checks=[_element_check(name, check) for name, check in rules[key].checks],
            )
            for key in layout.positions
        },
        name="cellules",
    )
    bad: dict[int, set[str]] = {}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        for failure in errors.failure_cases.to_dict("records"):
            key, line = failure["column"], failure["index"]
            if not isinstance(key, str) or key not in layout.positions or pd.isna(line):
                continue
            line = int(line)
            bad.setdefault(line, set()).add(key)
            report.add(
                Problem(
                    line,
                    layout.positions[key],
                    layout.headers[key],
                    _cell_message(
                        failure["check"], layout.specs[key], frame.at[line, key], catalog
                    ),
                )
            )
    return bad
