"""Sentences generated from the data that sum up a partner's page (French or English).

Pure functions of headline figures (data.headlines.HeadlineFigure): the partner pages and the
colloquium's presentation mode both use them. A figure that is not defined is said to be so,
never written as zero; a small hidden count is written "fewer than 5" (or the threshold in
force).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

from data.headlines import HeadlineFigure
from data.months import calendar_period
from data.progress import Status
from layouts.i18n import Messages, format_date, format_number, format_share

# Counts about young people below the small-count threshold are hidden from the public. The
# threshold is a setting of the app (DEMOCRATIC_SMALL_COUNT_THRESHOLD): every function that
# writes a hidden count receives it from its caller, so that a page states the one actually
# applied, and two apps in one process never share it.


def hidden_text(threshold: int) -> str:
    """How a hidden small count is written: `< 5`."""
    return f"< {threshold}"


def youth_grid_notice(lang: str, *, threshold: int) -> str:
    """Why a protected viewer sees no youth figure for a question off the public grid."""
    return SENTENCE_TEXT("youth_grid", lang, n=threshold)


SENTENCE_TEXT = Messages(
    {
        "whole_year": ("en {year}", "in {year}"),
        "between": ("du {start} au {end}", "from {start} to {end}"),
        "between_same_year": ("du {start} au {end}", "from {start} to {end}"),
        "fewer_than": ("moins de {n}", "fewer than {n}"),
        "youth_grid": (
            "Les chiffres sur les jeunes ne sont publiés que pour un mois, un trimestre ou l'année "
            "entiers, et pour une seule valeur de ventilation à la fois (un territoire, un canal "
            "ou une tranche d'âge), arrondis à {n} près : ceux de cette sélection ne sont pas "
            "affichés.",
            "Figures about young people are published only for a whole month, quarter or year, "
            "and for one breakdown value at a time (one place, channel or age band), rounded to "
            "the nearest {n}: those of this selection are not shown.",
        ),
        "not_defined": (
            "La mise en œuvre est en cours de définition : aucun chiffre n'est encore attendu.",
            "Implementation is still being defined: no figure is expected yet.",
        ),
        "no_data": (
            "Aucune donnée n'a encore été publiée pour cette période.",
            "No data has been published for this period yet.",
        ),
        "no_target": (
            "Aucun de ces chiffres n'a d'objectif fixé pour cette période.",
            "None of these figures has a target for this period.",
        ),
        "generic": ("{label} {period} : {value}.", "{label} {period}: {value}."),
        "status_intro": (
            "Sur {n} chiffres ayant un objectif, {parts}.",
            "Of {n} figures with a target, {parts}.",
        ),
        "status_intro_one": (
            "Le seul chiffre ayant un objectif est {part}.",
            "The only figure with a target is {part}.",
        ),
        "and": ("et", "and"),
        "late_behind": ("En retard : {items}.", "Behind: {items}."),
        "late_missed": (
            "Objectif non atteint, action terminée : {items}.",
            "Target not reached, action over: {items}.",
        ),
        "late_item": (
            "{label} ({value} sur {target}, attendu : {expected})",
            "{label} ({value} out of {target}, expected: {expected})",
        ),
        "missed_item": ("{label} ({value} sur {target})", "{label} ({value} out of {target})"),
        # Partner sentences: the most telling figures of each experiment, said plainly.
        "paris": (
            "{coordinators} {met} et {practices} {detected} {period}",
            "{coordinators} met and {practices} detected {period}",
        ),
        "paris_share": (
            " ; {share} des conseils de quartier touchés",
            "; {share} of neighbourhood councils reached",
        ),
        "ssd": ("{youth} {verb} {clameurs} {period}", "{youth} published {clameurs} {period}"),
        "essonne_workshops": (
            "{workshops} {held} sur {target} prévus",
            "{workshops} held out of {target} planned",
        ),
        "essonne_proposals": (
            "{retained} sur {proposals} {kept} pour la phase pilote",
            "{retained} out of {proposals} retained for the pilot phase",
        ),
        "programme": (
            "{milestones} de préparation du colloque {done} sur {target}",
            "{milestones} of the colloquium's preparation reached out of {target}",
        ),
        "programme_registrations": (
            " ; {registrations} {received}",
            "; {registrations} received",
        ),
    }
)

# (French singular, French plural, English singular, English plural); French uses the singular
# for 0 and 1, English for 1 only.
NOUNS: Mapping[str, tuple[str, str, str, str]] = {
    "coordinator": (
        "coordinateur de conseil de quartier",
        "coordinateurs de conseils de quartier",
        "neighbourhood council coordinator",
        "neighbourhood council coordinators",
    ),
    "practice": (
        "pratique innovante",
        "pratiques innovantes",
        "innovative practice",
        "innovative practices",
    ),
    "young": ("jeune", "jeunes", "young person", "young people"),
    "clameur": ("clameur", "clameurs", "clameur", "clameurs"),
    "workshop": ("atelier", "ateliers", "workshop", "workshops"),
    "proposal": ("proposition", "propositions", "proposal", "proposals"),
    "milestone": ("étape", "étapes", "milestone", "milestones"),
    "registration": ("inscription", "inscriptions", "registration", "registrations"),
}

# French verb forms that agree in number with what they follow (English ones never change).
PARTICIPLES: Mapping[str, tuple[str, str]] = {
    "met": ("rencontré", "rencontrés"),
    "detected": ("détectée", "détectées"),
    "held": ("tenu", "tenus"),
    "kept": ("retenue", "retenues"),
    "done": ("franchie", "franchies"),
    "received": ("reçue", "reçues"),
    "published": ("a publié", "ont publié"),
}


def participle(key: str, figure: HeadlineFigure) -> str:
    one, many = PARTICIPLES[key]
    return many if figure.suppressed or _plural(figure.value or 0, "fr") else one


# Status words for the sentence (plural forms where the count is more than one).
STATUS_PHRASES: Mapping[Status, tuple[str, str, str, str]] = {
    Status.REACHED: ("atteint", "atteints", "reached", "reached"),
    Status.AHEAD: ("en avance", "en avance", "ahead", "ahead"),
    Status.ON_TRACK: ("dans les temps", "dans les temps", "on track", "on track"),
    Status.BEHIND: ("en retard", "en retard", "behind", "behind"),
    Status.NOT_REACHED: ("non atteint", "non atteints", "not reached", "not reached"),
}


def _plural(count: float, lang: str) -> bool:
    return count >= 2 if lang == "fr" else count != 1


def noun(key: str, count: float | None, lang: str) -> str:
    fr_one, fr_many, en_one, en_many = NOUNS[key]
    many = count is None or _plural(count, lang)
    if lang == "en":
        return en_many if many else en_one
    return fr_many if many else fr_one


def value_text(
    value: float | None,
    lang: str,
    *,
    suppressed: bool = False,
    share: bool = False,
    threshold: int | None = None,
) -> str:
    """A figure as written on the page: `1 234`, `43 %`, `< 5` when hidden, `—` when missing.

    A hidden figure needs the `threshold` in force; targets and totals, never hidden, need none.
    Missing it is an error, not a default, so that a page never states a threshold other than
    the one applied."""
    if suppressed:
        if threshold is None:
            raise ValueError("a hidden count is written with the threshold in force")
        return hidden_text(threshold)
    if value is None:
        return "—"
    decimals = 0 if share or float(value).is_integer() or abs(value) >= 100 else 1
    return format_share(value, lang) if share else format_number(value, lang, decimals)


def figure_text(figure: HeadlineFigure, lang: str, *, threshold: int) -> str:
    return value_text(
        figure.value, lang, suppressed=figure.suppressed, share=figure.is_share, threshold=threshold
    )


def whole_units(amount: float, lang: str, value: float | None = None) -> str:
    """A target or expected count in whole units, as people count (3,7 partners expected is
    written 4, never « 3,7 partenaires »): rounded to the nearest unit, except that a `value`
    below the exact amount is never written as reaching it (3 done when 3,4 were expected is
    « 3 sur 4 », not « 3 sur 3 »)."""
    whole = math.floor(amount + 0.5)
    if value is not None and value < amount and whole <= value:
        whole = math.ceil(amount)
    return format_number(whole, lang)


def amount_text(figure: HeadlineFigure, amount: float | None, lang: str) -> str:
    """A target or expected value of `figure` as people count it: whole units for counts, the
    usual precision otherwise. The exact value stays in the card's hover text."""
    if amount is not None and figure.is_count:
        return whole_units(amount, lang, None if figure.suppressed else figure.value)
    return value_text(amount, lang, share=figure.is_share)


def counted(figure: HeadlineFigure, key: str, lang: str, *, threshold: int) -> str:
    """`412 jeunes`, `1 clameur`, `moins de 5 jeunes`."""
    if figure.suppressed:
        return f"{SENTENCE_TEXT('fewer_than', lang, n=threshold)} {noun(key, None, lang)}"
    return f"{value_text(figure.value, lang)} {noun(key, figure.value, lang)}"


def period_phrase(start: dt.date, end: dt.date, lang: str) -> str:
    """`en 2012`, or `du 1er mars au 30 juin 2012` (French), `from 1 March to 30 June 2012`."""
    if calendar_period(start, end) == "annee":
        return SENTENCE_TEXT("whole_year", lang, year=start.year)
    end_text = format_date(end, lang)
    if start.year == end.year:
        start_text = format_date(start, lang, "d MMMM")
    else:
        start_text = format_date(start, lang)
    if lang == "fr":
        start_text = _premier(start_text, start.day)
        end_text = _premier(end_text, end.day)
    return SENTENCE_TEXT("between", lang, start=start_text, end=end_text)


def _premier(text: str, day: int) -> str:
    # French writes the first day of a month as an ordinal: « 1er mars ».
    return "1er" + text[1:] if day == 1 and text.startswith("1 ") else text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _by_code(figures: Sequence[HeadlineFigure]) -> dict[str, HeadlineFigure]:
    return {f.indicator_code: f for f in figures}


def _has(figure: HeadlineFigure | None) -> bool:
    return figure is not None and figure.defined and (figure.value is not None or figure.suppressed)


def _lead_sentence(
    partner_slug: str, figures: Sequence[HeadlineFigure], period: str, lang: str, threshold: int
) -> str | None:
    """The partner's own sentence, from its most telling figures (None if they are missing)."""
    f = _by_code(figures)
    if partner_slug == "paris":
        coordinators = f.get("paris_coordinateurs_rencontres")
        practices = f.get("paris_pratiques_detectees")
        if _has(coordinators) and _has(practices):
            text = SENTENCE_TEXT(
                "paris",
                lang,
                coordinators=counted(coordinators, "coordinator", lang, threshold=threshold),
                practices=counted(practices, "practice", lang, threshold=threshold),
                met=participle("met", coordinators),
                detected=participle("detected", practices),
                period=period,
            )
            share = f.get("paris_part_conseils_touches")
            if _has(share):
                text += SENTENCE_TEXT(
                    "paris_share", lang, share=figure_text(share, lang, threshold=threshold)
                )
            return _capitalise(text) + "."
    if partner_slug == "seine-saint-denis":
        youth = f.get("ssd_jeunes_contributeurs")
        clameurs = f.get("ssd_clameurs_publiees")
        if _has(youth) and _has(clameurs):
            return (
                _capitalise(
                    SENTENCE_TEXT(
                        "ssd",
                        lang,
                        youth=counted(youth, "young", lang, threshold=threshold),
                        verb=participle("published", youth),
                        clameurs=counted(clameurs, "clameur", lang, threshold=threshold),
                        period=period,
                    )
                )
                + "."
            )
    if partner_slug == "essonne":
        parts = []
        workshops = f.get("essonne_ateliers_tenus")
        if _has(workshops) and workshops.full_target is not None:
            parts.append(
                SENTENCE_TEXT(
                    "essonne_workshops",
                    lang,
                    workshops=counted(workshops, "workshop", lang, threshold=threshold),
                    held=participle("held", workshops),
                    target=value_text(workshops.full_target, lang),
                )
            )
        proposals = f.get("essonne_propositions")
        retained = f.get("essonne_propositions_retenues")
        if _has(proposals) and _has(retained):
            parts.append(
                SENTENCE_TEXT(
                    "essonne_proposals",
                    lang,
                    retained=figure_text(retained, lang, threshold=threshold),
                    proposals=counted(proposals, "proposal", lang, threshold=threshold),
                    kept=participle("kept", retained),
                )
            )
        if parts:
            return _capitalise(" ; ".join(parts) if lang == "fr" else "; ".join(parts)) + "."
    if partner_slug == "programme":
        milestones = f.get("colloque_jalons_realises")
        if _has(milestones) and milestones.full_target is not None:
            text = SENTENCE_TEXT(
                "programme",
                lang,
                milestones=counted(milestones, "milestone", lang, threshold=threshold),
                done=participle("done", milestones),
                target=value_text(milestones.full_target, lang),
            )
            registrations = f.get("colloque_inscriptions")
            if _has(registrations):
                text += SENTENCE_TEXT(
                    "programme_registrations",
                    lang,
                    registrations=counted(registrations, "registration", lang, threshold=threshold),
                    received=participle("received", registrations),
                )
            return _capitalise(text) + "."
    return None


def _headline_order(figures: Sequence[HeadlineFigure]) -> list[HeadlineFigure]:
    """Key figures first (in their order), then the others as given."""
    return sorted(figures, key=lambda f: (f.headline_rank is None, f.headline_rank or 0))


def _generic_sentence(
    figures: Sequence[HeadlineFigure], period: str, lang: str, threshold: int
) -> str | None:
    first = next((fig for fig in _headline_order(figures) if _has(fig)), None)
    if first is None:
        return None
    value = figure_text(first, lang, threshold=threshold)
    if not first.is_share:
        value = f"{value} {first.unit(lang)}"
    return SENTENCE_TEXT("generic", lang, label=first.label(lang), period=period, value=value)


def _join(parts: list[str], lang: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {SENTENCE_TEXT('and', lang)} " + parts[-1]


def _status_sentence(figures: Sequence[HeadlineFigure], lang: str) -> str | None:
    """How the figures that have a target stand, in words."""
    with_target = [f for f in figures if f.status in STATUS_PHRASES]
    if not with_target:
        has_data = any(_has(f) for f in figures)
        return SENTENCE_TEXT("no_target", lang) if has_data else None
    parts = []
    for status, (fr_one, fr_many, en_one, en_many) in STATUS_PHRASES.items():
        count = sum(1 for f in with_target if f.status == status)
        if count:
            word = (
                (en_many if count > 1 else en_one)
                if lang == "en"
                else (fr_many if count > 1 else fr_one)
            )
            parts.append(f"{format_number(count, lang)} {word}")
    if len(with_target) == 1:
        return SENTENCE_TEXT("status_intro_one", lang, part=parts[0].split(" ", 1)[1])
    return SENTENCE_TEXT(
        "status_intro", lang, n=format_number(len(with_target), lang), parts=_join(parts, lang)
    )


def _in_sentence(label: str) -> str:
    # A label inside a sentence starts in lower case, unless it starts with an acronym.
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def late_sentences(figures: Sequence[HeadlineFigure], lang: str, *, threshold: int) -> list[str]:
    """What is late, by name: « En retard : sessions d'échange (9 sur 12, attendu : 11). » and
    « Objectif non atteint, action terminée : coordinateurs rencontrés (26 sur 30). »."""
    sentences = []
    for status, key, item in (
        (Status.BEHIND, "late_behind", "late_item"),
        (Status.NOT_REACHED, "late_missed", "missed_item"),
    ):
        items = [
            SENTENCE_TEXT(
                item if f.expected is not None else "missed_item",
                lang,
                label=_in_sentence(f.label(lang)),
                value=figure_text(f, lang, threshold=threshold),
                target=amount_text(f, f.target, lang),
                expected=amount_text(f, f.expected, lang),
            )
            for f in _headline_order(figures)
            if f.status == status
        ]
        if items:
            sentences.append(SENTENCE_TEXT(key, lang, items=_join(items, lang)))
    return sentences


def summary_sentences(
    partner_slug: str,
    figures: Sequence[HeadlineFigure],
    start: dt.date,
    end: dt.date,
    lang: str,
    *,
    threshold: int,
) -> list[str]:
    """The sentences that sum up a partner's page over [start, end]: its lead sentence, how its
    figures with a target stand, and, when some are late, which ones. Pass every indicator of
    the partner (not only its key figures) so that no delay goes unsaid."""
    if figures and all(not f.defined for f in figures):
        return [SENTENCE_TEXT("not_defined", lang)]
    if not any(_has(f) for f in figures):
        return [SENTENCE_TEXT("no_data", lang)]
    period = period_phrase(start, end, lang)
    sentences = [
        _lead_sentence(partner_slug, figures, period, lang, threshold)
        or _generic_sentence(figures, period, lang, threshold)
    ]
    status = _status_sentence(figures, lang)
    if status:
        sentences.append(status)
    sentences.extend(late_sentences(figures, lang, threshold=threshold))
    return [s for s in sentences if s]
