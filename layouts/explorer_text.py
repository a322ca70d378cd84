"""The explorer's words: every text of its page, in French then English, and the names of its
dimensions and of the table's details.

Kept apart from the components so that each part of the page (filters, charts, table) reads
them without importing another part.
"""

from __future__ import annotations

from layouts.explorer_state import BREAKDOWNS
from layouts.i18n import Messages

EXPLORER_TEXT = Messages(
    {
        "title": ("Explorateur des indicateurs", "Indicator explorer"),
        "lead": (
            "Choisissez une période, des partenaires, des indicateurs : les graphiques, le "
            "tableau et les exports suivent. L'adresse de la page garde tous les filtres : "
            "copiez-la pour partager cette vue.",
            "Choose a period, partners, indicators: the charts, the table and the exports "
            "follow. The page's address keeps every filter: copy it to share this view.",
        ),
        "filters": ("Filtres", "Filters"),
        "period": ("Période", "Period"),
        "from": ("Du", "From"),
        "to": ("Au", "To"),
        "grain": ("Pas de temps", "Time step"),
        "grain_mois": ("Mois", "Month"),
        "grain_trimestre": ("Trimestre", "Quarter"),
        "grain_annee": ("Année", "Year"),
        "partners": ("Partenaires", "Partners"),
        "categories": ("Catégories", "Categories"),
        "indicators": ("Indicateurs", "Indicators"),
        "territories": ("Territoires", "Territories"),
        "profiles": ("Profils des publics", "Audience profiles"),
        "channels": ("Canaux", "Channels"),
        "age_bands": ("Tranches d'âge", "Age bands"),
        "no_value": (
            "Aucune valeur avec les autres filtres.",
            "No value with the other filters.",
        ),
        "absent": ("(aucune donnée avec ces filtres)", "(no data with these filters)"),
        "reset": ("Effacer tous les filtres", "Clear every filter"),
        "active_filters": ("Filtres actifs", "Active filters"),
        "no_active_filter": (
            "Aucun filtre : toute l'année 2012, tous les indicateurs.",
            "No filter: the whole of 2012, every indicator.",
        ),
        "remove_filter": ("Retirer le filtre : {label}", "Remove the filter: {label}"),
        "period_chip": ("Période : {start} – {end}", "Period: {start} – {end}"),
        "summary": (
            "{indicators}, {partners}, du {start} au {end}.",
            "{indicators}, {partners}, from {start} to {end}.",
        ),
        "n_indicators_one": ("1 indicateur", "1 indicator"),
        "n_indicators": ("{n} indicateurs", "{n} indicators"),
        "n_partners_one": ("1 partenaire", "1 partner"),
        "n_partners": ("{n} partenaires", "{n} partners"),
        "programme_only": ("le programme seul", "the programme only"),
        "and_programme": ("{partners} et le programme", "{partners} and the programme"),
        "being_defined": (
            "sans chiffres : mise en œuvre en cours de définition",
            "no figures: implementation being defined",
        ),
        "empty_being_defined": (
            "La mise en œuvre de {names} est en cours de définition : aucun chiffre n'est "
            "encore attendu. Les graphiques apparaîtront avec les premières données.",
            "The implementation of {names} is still being defined: no figure is expected yet. "
            "Charts will appear with the first data.",
        ),
        "presets": ("Périodes usuelles", "Usual periods"),
        "preset_year": ("Année {year}", "Year {year}"),
        "preset_quarter": ("T{n} {year}", "Q{n} {year}"),
        "preset_quarter_label": (
            "{n}e trimestre {year}",
            "Quarter {n} of {year}",
        ),
        "preset_quarter_1_label": ("1er trimestre {year}", "First quarter of {year}"),
        "compare_by": ("Comparer", "Compare"),
        "loading": ("Calcul en cours…", "Computing…"),
        "table_region": (
            "Tableau des chiffres (défile horizontalement)",
            "Table of figures (scrolls sideways)",
        ),
        "focus_auto": ("Le plus élevé (automatique)", "The largest (automatic)"),
        "empty": (
            "Aucune donnée ne correspond à ces filtres. Retirez un filtre ci-dessus ou "
            "élargissez la période.",
            "No data matches these filters. Remove a filter above or widen the period.",
        ),
        "notices_title": ("Dans l'adresse ou les filtres", "In the address or the filters"),
        "evolution": ("Évolution dans le temps", "Trend over time"),
        "breakdown": ("Répartition", "Breakdown"),
        "breakdown_by": ("Répartir par", "Break down by"),
        "focus": ("Indicateur", "Indicator"),
        "comparison": ("Comparaison des partenaires", "Partner comparison"),
        "comparison_note": (
            "Chaque barre est un partenaire : son indicateur « {family} » ({indicators}). Les "
            "indicateurs ne s'additionnent pas entre eux. Populations : {source}.",
            "Each bar is one partner: its “{family}” indicator ({indicators}). Indicators are "
            "never added together. Populations: {source}.",
        ),
        "comparison_being_defined": (
            "Mise en œuvre en cours de définition, pas encore de chiffre : {names}.",
            "Implementation being defined, no figure yet: {names}.",
        ),
        "comparison_no_figure": (
            "Sans chiffre pour cette période et ces filtres : {names}.",
            "No figure for this period and these filters: {names}.",
        ),
        "click_hint": (
            "Cliquez sur un point ou une barre pour filtrer les autres graphiques ; un second clic "
            "retire le filtre.",
            "Click a point or a bar to filter the other charts; a second click removes the filter.",
        ),
        "chart_data": ("Données du graphique", "Chart data"),
        "table": ("Les chiffres", "The figures"),
        "table_caption": (
            "Valeurs agrégées selon la règle de chaque indicateur (somme, dernière valeur "
            "cumulée ou moyenne) pour les filtres actifs.",
            "Values aggregated following each indicator's rule (sum, latest cumulative value or "
            "mean) for the active filters.",
        ),
        "detail": ("Détail du tableau", "Table detail"),
        "detail_total": ("Total de la période", "Period total"),
        "detail_periode": ("Par période", "By period"),
        "dim_territoire": ("Territoire", "Territory"),
        "dim_profil": ("Profil", "Profile"),
        "dim_canal": ("Canal", "Channel"),
        "dim_tranche_age": ("Tranche d'âge", "Age band"),
        "col_category": ("Catégorie", "Category"),
        "col_partner": ("Partenaire", "Partner"),
        "col_indicator": ("Indicateur", "Indicator"),
        "col_unit": ("Unité", "Unit"),
        "col_period": ("Période", "Period"),
        "col_value": ("Valeur", "Value"),
        "col_per_10k": ("Pour 10 000 habitants", "Per 10,000 inhabitants"),
        "sort_by": ("Trier par {column}", "Sort by {column}"),
        "truncated": (
            "{shown} premières lignes affichées sur {total} : l'export contient toutes les lignes.",
            "First {shown} rows shown out of {total}: the export holds every row.",
        ),
        "rows": ("{n} lignes", "{n} rows"),
        "export_csv": ("Exporter en CSV (Excel)", "Export as CSV (Excel)"),
        "export_xlsx": ("Exporter en XLSX", "Export as XLSX"),
        "export_note": (
            "Les exports contiennent exactement les lignes et les valeurs du tableau.",
            "The exports hold exactly the table's rows and values.",
        ),
        "no_chart_data": ("Rien à tracer pour ces filtres.", "Nothing to plot for these filters."),
        "no_breakdown": (
            "Aucun indicateur retenu n'est ventilé par {dimension}.",
            "No selected indicator is broken down by {dimension}.",
        ),
        "series_capped": (
            "Les {shown} indicateurs aux valeurs les plus élevées sont tracés (sur {total}) ; "
            "choisissez des indicateurs pour en tracer d'autres. Le tableau donne tous les chiffres.",
            "The {shown} indicators with the highest values are plotted (out of {total}); choose "
            "indicators to plot others. The table gives every figure.",
        ),
        "bars_capped": (
            "Les {shown} valeurs les plus élevées sont tracées (sur {total}) ; le tableau, détaillé "
            "par la même dimension, les donne toutes.",
            "The {shown} highest values are plotted (out of {total}); the table, detailed by the "
            "same dimension, gives them all.",
        ),
        "no_population": (
            "Sans population de référence, « {names} » n'apparaît pas dans la comparaison par "
            "habitant.",
            "Without a reference population, “{names}” is left out of the per-inhabitant "
            "comparison.",
        ),
    }
)


def dimension_label(name: str, lang: str) -> str:
    return EXPLORER_TEXT(f"dim_{name}", lang)


def detail_label(name: str, lang: str) -> str:
    if name in BREAKDOWNS:
        return dimension_label(name, lang)
    return EXPLORER_TEXT(f"detail_{name}", lang)
