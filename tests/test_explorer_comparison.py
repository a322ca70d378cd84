"""Partner comparison: one indicator family across partners, honest per-inhabitant numbers."""

from __future__ import annotations

from data import explorer as explorer_data
from data.indicator_families import FAMILIES
from data.reference import PARTNERS
from data.reference_indicators import INDICATORS


def test_each_family_names_one_indicator_of_each_partner_and_never_the_programme():
    partner_of = {spec.code: spec.partner for spec in INDICATORS}
    programme = {p.slug for p in PARTNERS if p.kind == "programme"}
    for family in FAMILIES:
        assert len(family.indicators) >= 2, family.code  # a comparison needs two partners
        for slug, code in family.indicators.items():
            assert partner_of[code] == slug, (family.code, code)
            assert slug not in programme


def test_the_per_inhabitant_unit_is_chosen_so_that_small_rates_are_not_zero():
    # 9 sessions for 2.2 million inhabitants: 0.04 per 10,000, 0.4 per 100,000.
    assert explorer_data.per_inhabitants_scale([9 / 2_234_105, 6 / 1_515_983]) == 1_000_000
    assert explorer_data.per_inhabitants_scale([1240 / 2_234_105]) == 10_000
    assert explorer_data.per_inhabitants_scale([]) == 10_000
    assert explorer_data.significant_digits(0.04) == 2
    assert explorer_data.significant_digits(0.24) == 1
    assert explorer_data.significant_digits(18.5) == 0
    assert explorer_data.significant_digits(0.043, digits=2) == 3
