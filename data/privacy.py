"""Small counts about young people: primary and complementary suppression of breakdown cells.

Pure functions of aggregate rows. A *table* is the set of rows of one indicator, one partner and
one period bucket; its *cells* are told apart by their breakdown values. A cell below the
threshold (and above zero) is hidden (primary suppression). Then, along every axis of the table,
each *line* (the cells that differ only on that axis) must hide either no cell or at least two:
otherwise the line's total, shown elsewhere, minus its visible cells would give the hidden one back.
The line's smallest visible cell is hidden too (complementary suppression), preferring cells whose
other lines already hide something, and this is repeated until every line holds.

Known limit, as with any cell suppression: it protects a table and its margins; a person who
compares many differently filtered tables could still narrow a hidden value down. The public
interface only offers tables built through `protect_breakdown`, which protects the whole table a
filtered selection is cut from, so that a filter cannot isolate a cell either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from data.queries import AggregateRow

DEFAULT_THRESHOLD = 5

TableKey = tuple[str, str, str | None]
Cell = tuple[str, ...]


def _table_key(row: AggregateRow) -> TableKey:
    return (row.indicator_code, row.partner_slug, row.period)


def _cell(row: AggregateRow) -> Cell:
    return tuple(code for _name, code in row.dimensions)


def is_small(value: float | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _hidden_cells(values: Mapping[Cell, float], threshold: int) -> set[Cell]:
    """Primary then complementary suppression within one table."""
    hidden = {cell for cell, value in values.items() if is_small(value, threshold)}
    if not hidden:
        return hidden
    axes = range(len(next(iter(values))))

    def lines(axis: int) -> dict[Cell, list[Cell]]:
        grouped: dict[Cell, list[Cell]] = defaultdict(list)
        for cell in values:
            grouped[cell[:axis] + cell[axis + 1 :]].append(cell)
        return grouped

    all_lines = {axis: lines(axis) for axis in axes}

    def other_lines_without_hidden(cell: Cell, axis: int) -> int:
        count = 0
        for other in axes:
            if other == axis:
                continue
            line = all_lines[other][cell[:other] + cell[other + 1 :]]
            count += not any(c in hidden for c in line)
        return count

    changed = True
    while changed:
        changed = False
        for axis in axes:
            for line in all_lines[axis].values():
                in_line = [c for c in line if c in hidden]
                if len(in_line) != 1:
                    continue
                visible = [c for c in line if c not in hidden]
                if not visible:
                    # A line of one cell: nothing in this table can cover it; its total is the
                    # cell itself, which for a primary cell is below the threshold too, hence
                    # hidden wherever that total is a breakdown cell.
                    continue
                chosen = min(
                    visible, key=lambda c: (other_lines_without_hidden(c, axis), values[c], c)
                )
                hidden.add(chosen)
                changed = True
    return hidden


def suppress(
    rows: Iterable[AggregateRow],
    youth_indicators: Collection[str],
    threshold: int = DEFAULT_THRESHOLD,
) -> list[AggregateRow]:
    """The rows with small youth counts (and their complements) hidden: value None, suppressed."""
    rows = list(rows)
    tables: dict[TableKey, dict[Cell, float]] = defaultdict(dict)
    for row in rows:
        if row.indicator_code in youth_indicators and row.value is not None:
            tables[_table_key(row)][_cell(row)] = row.value
    hidden = {key: _hidden_cells(cells, threshold) for key, cells in tables.items()}
    result = []
    for row in rows:
        if row.indicator_code in youth_indicators and _cell(row) in hidden.get(_table_key(row), ()):
            result.append(replace(row, value=None, suppressed=True))
        else:
            result.append(row)
    return result


def project(
    rows: Iterable[AggregateRow],
    selection: Mapping[str, Collection[str]],
    by: Sequence[str],
    mean_indicators: Collection[str] = (),
) -> list[AggregateRow]:
    """Cut a protected table down to a selection (dimension -> allowed codes) and add it up by
    `by`: a result that contains a hidden cell is hidden itself, so that every number shown is a
    sum of visible cells."""
    groups: dict[tuple, list[AggregateRow]] = defaultdict(list)
    for row in rows:
        codes = dict(row.dimensions)
        if any(codes.get(dim) not in allowed for dim, allowed in selection.items()):
            continue
        key = (*_table_key(row), tuple((name, codes.get(name, "")) for name in by))
        groups[key].append(row)
    result = []
    for (indicator, partner, period, dims), members in groups.items():
        n = sum(m.n for m in members)
        if any(m.suppressed for m in members):
            value = None
        elif indicator in mean_indicators:
            value = sum(m.value * m.n for m in members) / n if n else None
        else:
            value = sum(m.value for m in members)
        result.append(
            AggregateRow(
                indicator_code=indicator,
                partner_slug=partner,
                period=period,
                dimensions=dims,
                value=value,
                n=n,
                suppressed=value is None,
            )
        )
    return result


# Filter fields of ObservationFilter -> breakdown names.
FILTER_DIMENSIONS = {
    "territories": "territoire",
    "profiles": "profil",
    "channels": "canal",
    "age_bands": "tranche_age",
}


def protect_breakdown(
    connection,
    rows: list[AggregateRow],
    flt,
    grain: str | None,
    by: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    reader=None,
) -> list[AggregateRow]:
    """Suppression for a viewer who may not see small youth counts.

    A breakdown (`by`) is protected as a table. A filter on a breakdown (say, one commune and one
    age band) would otherwise turn a cell into a "total": the whole table it is cut from is
    protected instead, and the selection is added up from it. `reader` reads that table
    (default: `queries.aggregate`; the web layer passes its cached reader).
    """
    from data import queries

    youth = queries.youth_indicators(connection)
    if not youth or not any(row.indicator_code in youth for row in rows):
        return rows
    selection = {
        name: set(getattr(flt, field))
        for field, name in FILTER_DIMENSIONS.items()
        if getattr(flt, field)
    }
    if not by and not selection:
        return rows  # a total, not a breakdown
    others = [row for row in rows if row.indicator_code not in youth]
    if selection:
        table_by = tuple(by) + tuple(name for name in selection if name not in by)
        cleared = {field: () for field, name in FILTER_DIMENSIONS.items() if name in selection}
        codes = sorted({row.indicator_code for row in rows if row.indicator_code in youth})
        read = reader or queries.aggregate
        table = read(connection, replace(flt, indicators=tuple(codes), **cleared), grain, table_by)
        means = {code for code, rule in youth.items() if rule == "moyenne"}
        protected = project(suppress(table, youth, threshold), selection, by, means)
    else:
        protected = suppress([row for row in rows if row.indicator_code in youth], youth, threshold)
    return sorted(
        others + protected,
        key=lambda r: (r.indicator_code, r.partner_slug, r.period or "", r.dimensions),
    )
