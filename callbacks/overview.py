"""The programme overview: every partner's headline figures for 2012, read for the viewer."""

from __future__ import annotations

from functools import partial

from dash import html

from callbacks.context import (
    aggregate_for_viewer,
    connect,
    current_language,
    current_viewer,
    small_count_threshold,
)
from data import publication, queries
from data.headlines import (
    as_of_date,
    headline_figures,
    is_demonstration,
    key_figures,
    partner_status,
)
from data.progress import LATE, roll_up
from data.reference import COLLOQUIUM_DATE, YEAR_END, YEAR_START
from layouts.figures import PARTNER_COLOURS, partner_colour
from layouts.i18n import COMMON
from layouts.overview_page import Overview, PartnerSummary, overview_page
from layouts.sentences import late_sentences, summary_sentences


def layout(**_query) -> html.Div:
    lang = current_language()
    viewer = current_viewer()
    read = partial(aggregate_for_viewer, viewer=viewer)
    threshold = small_count_threshold()
    start, end = YEAR_START, YEAR_END
    published_only = not viewer.sees_all_unpublished
    with connect() as connection:
        partners = queries.partners(connection)
        summaries = []
        programme_figures = []
        statuses = []
        late_names = []
        for partner in partners:
            # Every indicator, as on the partner's page: the status and the sentence are rolled
            # up from all of them, the key figure is picked among the headline ones.
            every = headline_figures(
                connection, partner["slug"], start, end, read, headlines_only=False
            )
            figures = key_figures(every)
            status = partner_status(every)
            statuses.append(status)
            if status in LATE:
                late_names.append(partner["short_name"])
            if partner["kind"] == "programme":
                programme_figures = every
                continue
            key = next(
                (f for f in figures if f.defined and (f.value is not None or f.suppressed)), None
            )
            sentences = summary_sentences(
                partner["slug"], every, start, end, lang, threshold=threshold
            )
            summaries.append(
                PartnerSummary(
                    partner=partner,
                    colour=partner_colour(partner["slug"]),
                    status=status,
                    key_figure=key or (figures[0] if figures else None),
                    sentence=sentences[0] if sentences else "",
                    late=tuple(late_sentences(every, lang, threshold=threshold)),
                )
            )
        milestones = [
            o
            for o in queries.outcomes(connection, "programme", published_only=published_only)
            if o["kind"] == "jalon"
        ]
        view = Overview(
            as_of=as_of_date(connection, start, end),
            data_date=publication.data_date(connection),
            programme_figures=programme_figures,
            partners=summaries,
            actions=queries.actions(connection),
            events=queries.events(connection, published_only=published_only),
            milestones=milestones,
            colloquium_date=COLLOQUIUM_DATE,
            colours=dict(PARTNER_COLOURS),
            short_names={p["slug"]: p["short_name"] for p in partners},
            source=COMMON("demo_data", lang) if is_demonstration(connection) else None,
            start=start,
            end=end,
            threshold=threshold,
            programme_status=roll_up(statuses),
            late_names=tuple(late_names),
        )
    return overview_page(view, lang)
