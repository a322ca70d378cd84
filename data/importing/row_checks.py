"""The second pass of checking a file: each row as a whole (a coherent period, the partner, the
breakdowns the indicator allows, the rights of the person loading), wherever the cells a check
reads passed the first pass.

One of the two passes `data.importing.validation` runs over each chunk, after the cell checks
(`data.importing.cell_checks`), which also say how each cell is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from data import french
from data.importing.catalog import DIMENSION_NAMES, STATUSES_BY_KIND, Catalog
from data.importing.cell_checks import cell_rules
from data.importing.file_columns import Layout
from data.importing.kinds import EVENTS, OBSERVATIONS, OUTCOMES
from data.importing.problems import Problem, Report, fr_date


@dataclass(frozen=True)
class RowRule:
    """A check of a whole row: its name, the column it is reported on, and the message."""

    name: str
    column: str
    predicate: Callable[[dict], bool]
    message: Callable[[dict], str]


def typed_rows(frame: pd.DataFrame, layout: Layout, catalog: Catalog) -> pd.DataFrame:
    typed = {}
    for key in layout.specs:
        if key in layout.positions:
            convert = cell_rules(catalog, layout.specs[key]).convert
            typed[key] = [None if v is None else convert(v) for v in frame[key]]
        else:
            typed[key] = [None] * len(frame)
    return pd.DataFrame(typed, index=frame.index, dtype=object)


def _row_rules(kind: str, catalog: Catalog, editor_partner: str | None) -> list[RowRule]:
    name = catalog.partner_name

    def row_partner(row: dict) -> str | None:
        if kind == OBSERVATIONS:
            return catalog.indicator_info[row["indicateur"]].partner
        return row["partenaire"]

    rules: list[RowRule] = []
    if editor_partner is not None:
        rules.append(
            RowRule(
                "droits",
                "partenaire" if kind != OBSERVATIONS else "indicateur",
                lambda r: row_partner(r) == editor_partner,
                lambda r: (
                    f"votre compte ne permet de charger que les données "
                    f"{french.of(name(editor_partner))} "
                    f"(cette ligne concerne {french.the(name(row_partner(r)))})."
                ),
            )
        )
    if kind == OBSERVATIONS:
        info = catalog.indicator_info
        rules += [
            RowRule(
                "periode_inversee",
                "fin",
                lambda r: r["fin"] is None or r["fin"] >= r["debut"],
                lambda r: (
                    f"la fin de période ({fr_date(r['fin'])}) précède son début "
                    f"({fr_date(r['debut'])})."
                ),
            ),
            RowRule(
                "partenaire_indicateur",
                "partenaire",
                lambda r: (
                    r["partenaire"] is None or r["partenaire"] == info[r["indicateur"]].partner
                ),
                lambda r: (
                    f"l'indicateur « {r['indicateur']} » appartient "
                    f"{french.to(name(info[r['indicateur']].partner))}, "
                    f"pas {french.to(name(r['partenaire']))}."
                ),
            ),
            RowRule(
                "territoire_partenaire",
                "territoire",
                lambda r: (
                    r["territoire"] is None
                    or catalog.territory_partner.get(r["territoire"])
                    in (None, info[r["indicateur"]].partner)
                ),
                lambda r: (
                    f"le territoire {r['territoire']} "
                    f"({catalog.territories.labels[r['territoire']]}) n'appartient pas à "
                    f"{name(info[r['indicateur']].partner)}."
                ),
            ),
        ]
        for column, breakdown in (
            ("territoire", "territoire"),
            ("profil", "profil"),
            ("canal", "canal"),
            ("tranche_age", "tranche_age"),
        ):
            label = "territoire" if breakdown == "territoire" else DIMENSION_NAMES[breakdown]
            rules.append(
                RowRule(
                    f"ventilation_{column}",
                    column,
                    lambda r, c=column, b=breakdown: (
                        r[c] is None or b in info[r["indicateur"]].breakdowns
                    ),
                    lambda r, lab=label: (
                        f"l'indicateur « {r['indicateur']} » ne se ventile pas par {lab} : "
                        "laissez cette cellule vide."
                    ),
                )
            )
    else:
        rules.append(
            RowRule(
                "action_partenaire",
                "action",
                lambda r: (
                    r["action"] is None or catalog.action_info[r["action"]][1] == r["partenaire"]
                ),
                lambda r: (
                    f"l'action « {r['action']} » est une action "
                    f"{french.of(name(catalog.action_info[r['action']][1]))}, "
                    f"pas {french.of(name(r['partenaire']))}."
                ),
            )
        )
    if kind == EVENTS:
        rules.append(
            RowRule(
                "territoire_partenaire",
                "territoire",
                lambda r: (
                    r["territoire"] is None
                    or catalog.territory_partner.get(r["territoire"]) in (None, r["partenaire"])
                ),
                lambda r: (
                    f"le territoire {r['territoire']} "
                    f"({catalog.territories.labels[r['territoire']]}) n'appartient pas à "
                    f"{name(r['partenaire'])}."
                ),
            )
        )
    if kind == OUTCOMES:
        rules.append(
            RowRule(
                "statut_type",
                "statut",
                lambda r: r["statut"] is None or r["statut"] in STATUSES_BY_KIND[r["type"]],
                lambda r: (
                    f"le statut « {r['statut']} » ne s'applique pas à un résultat de type "
                    f"« {r['type']} » (attendu : {', '.join(STATUSES_BY_KIND[r['type']])})."
                ),
            )
        )
    return rules


def _involved(rule: str, kind: str) -> tuple[str, ...]:
    """The cells a row check reads."""
    if rule == "droits":
        return ("indicateur",) if kind == OBSERVATIONS else ("partenaire",)
    if rule.startswith("ventilation_"):
        return (rule.removeprefix("ventilation_"), "indicateur")
    return {
        "periode_inversee": ("debut", "fin"),
        "partenaire_indicateur": ("partenaire", "indicateur"),
        "territoire_partenaire": (
            "territoire",
            "indicateur" if kind == OBSERVATIONS else "partenaire",
        ),
        "action_partenaire": ("action", "partenaire"),
        "statut_type": ("statut", "type"),
    }[rule]


def row_pass(
    typed: pd.DataFrame,
    kind: str,
    layout: Layout,
    catalog: Catalog,
    editor_partner: str | None,
    report: Report,
    bad_cells: dict[int, set[str]],
) -> dict[int, dict]:
    """Check each row of a chunk as a whole; return the chunk's records by line."""
    rules = _row_rules(kind, catalog, editor_partner)

    if kind == OBSERVATIONS:
        typed = typed.assign(
            fin=[
                f if f is not None else d for f, d in zip(typed["fin"], typed["debut"], strict=True)
            ]
        )
    records = dict(zip(typed.index, typed.to_dict("records"), strict=True))

    def wide(rule: RowRule) -> pa.Check:
        involved = set(_involved(rule.name, kind))
        predicate = rule.predicate

        def passes(df: pd.DataFrame) -> pd.Series:
            # A row check runs only where the cells it reads passed the cell checks.
            return pd.Series(
                [
                    True
                    if line in bad_cells and bad_cells[line] & involved
                    else predicate(records[line])
                    for line in df.index
                ],
                index=df.index,
            )

        return pa.Check(passes, name=rule.name)

    if not rules:
        return records
    schema = pa.DataFrameSchema(checks=[wide(rule) for rule in rules], name="lignes")
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        by_name = {rule.name: rule for rule in rules}
        seen: set[tuple[str, int]] = set()
        for failure in errors.failure_cases.to_dict("records"):
            if pd.isna(failure["index"]) or failure["check"] not in by_name:
                continue
            line, check = int(failure["index"]), failure["check"]
            if (check, line) in seen:
                continue
            seen.add((check, line))
            rule = by_name[check]
            column = rule.column if rule.column in layout.positions else ""
            report.add(
                Problem(
                    line,
                    layout.positions.get(column, -1),
                    layout.headers.get(column, ""),
                    rule.message(records[line]),
                )
            )
    return records
