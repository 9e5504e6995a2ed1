"""The Fellegi–Sunter model: comparisons, blocking rules and training, as Splink settings.

Every comparison runs on the standardised columns (see :mod:`yokuryu.link.standardise`):
names on ASCII phonetic keys and on the overlap of their reading candidates, so a Soviet
card's Сато Хироси meets a roster's 佐藤博 at the exact-key level. The SQL is written once
in DuckDB's dialect; Splink translates it for Spark.
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator
from splink.internals.column_expression import ColumnExpression
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from yokuryu.link import blocking

# Days by which a death may precede a later sign of life before it counts as a
# contradiction (dates on cards were written late and copied with errors).
EVENT_SLACK_DAYS = 60
DEATHS_AGREE_DAYS = 31
# Days between a card closed "repatriated" and the landing of that voyage (the simulator
# puts two days at sea; a real card closed weeks earlier at a transit camp falls in the
# wider level, and EM learns how often); then any gap from leaving a camp to landing.
HOME_VOYAGE_DAYS = 7
HOME_AGREE_DAYS = 45
HOME_CLOSE_DAYS = 180
CAPTURE_CLOSE_DAYS = 7
# Days by which one card's leaving and another's arrival may differ and still be one
# transfer (the move, dates written on arrival); days two stays may overlap before one
# man cannot have been in both camps, and that contradiction's m in a true pair (dates
# are miscopied now and then; fixed, as EM sees few).
STAY_NEXT_DAYS = 3
STAY_OVERLAP_DAYS = 30
STAY_OVERLAP_M = 0.01
# m probability of a contradiction in a true match: fixed, so EM cannot learn it away.
CONTRADICTION_M = 0.002
DIALECT = "duckdb"
# EM converges in a handful of iterations here; more only push rare levels' m towards 0.
EM_MAX_ITERATIONS = 12
OTHER_PART = {"fam": "giv", "giv": "fam"}
# Share of true pairs whose name parts are written in the other order. Fixed: EM, blocked
# on one name part, sees almost no swapped matches and drives this to zero.
SWAPPED_M = 0.03
# m of "differs" for the fields compared exactly: the share of true pairs (both values
# known) that differ on the tuning archives, rounded up (a rank changes with promotion, a
# camp with every transfer; units and prefectures are miscopied now and then).
DIFFER_M = {"rank": 0.08, "unit": 0.04, "camp": 0.8, "prefecture": 0.02}


def _comparison(name: str, label: str, *levels: Any) -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name=name, comparison_description=label, comparison_levels=list(levels)
    )


def _custom(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label_for_charts=label, base_dialect_str=DIALECT)


def name_comparison(col: str, label: str, tf: bool = True) -> ComparisonCreator:
    """Family or given name: exact key, candidate overlap, coarse overlap, then Jaro–Winkler."""
    exact: Any = cll.ExactMatchLevel(col)
    if tf:
        exact = exact.configure(tf_adjustment_column=col, tf_adjustment_weight=1.0)
    return _comparison(
        col,
        label,
        cll.NullLevel(col),
        exact,
        Overlap(f"{col}_all", label="reading overlap"),
        Overlap(f"{col}_c_all", label="coarse overlap"),
        CursiveOverlap(f"{col}_k_all", label="cursive look-alikes (a Cyrillic side)"),
        Overlap(
            f"{col}_c_all",
            f"{OTHER_PART[col]}_c_all",
            "matches the other name part (order swapped)",
        ).configure(m_probability=SWAPPED_M, fix_m_probability=True),
        _custom(_edits(col, 1), "one edit (exact or coarse key)"),
        cll.JaroWinklerLevel(col, 0.88),
        _custom(f'levenshtein("{col}_l", "{col}_r") <= 2', "two edits (exact key)"),
        cll.JaroWinklerLevel(col, 0.7),
        cll.ElseLevel(),
    )


class Overlap(ComparisonLevelCreator):
    """The left record's list ``left`` and the right record's list ``right`` share a value
    (``right`` another column for parts written in the other order: rosters, romaji, some
    cards). On DuckDB ``list_has_any``, which builds no intersection list as Splink's
    ArrayIntersectLevel does (the name comparisons, most of predict, take a quarter less
    time; the same levels); on Spark ``arrays_overlap``."""

    def __init__(self, left: str, right: str | None = None, label: str = "") -> None:
        self.left, self.right, self.label = left, right or left, label

    def create_sql(self, sql_dialect: Any) -> str:
        left, right = (
            ColumnExpression(self.left, sql_dialect),
            ColumnExpression(self.right, sql_dialect),
        )
        function = "list_has_any" if sql_dialect.sql_dialect_str == "duckdb" else "arrays_overlap"
        return f"{function}({left.name_l}, {right.name_r})"

    def create_label_for_charts(self) -> str:
        return self.label


class CursiveOverlap(Overlap):
    """Equal once look-alike cursive letters are folded (the ``*_k_all`` keys), when one
    side is written in Cyrillic: two Japanese records' kana cannot be misread cursive."""

    def create_sql(self, sql_dialect: Any) -> str:
        cyrillic = ColumnExpression("cyr", sql_dialect)
        return f"({cyrillic.name_l} OR {cyrillic.name_r}) AND {super().create_sql(sql_dialect)}"


def _edits(col: str, n: int) -> str:
    """Edit distance on ASCII keys counts characters (on Cyrillic or kana it counts bytes)."""
    exact = f'levenshtein("{col}_l", "{col}_r") <= {n}'
    coarse = f'levenshtein("{col}_c_l", "{col}_c_r") <= {n}'
    return f"{exact} OR {coarse}"


def father_comparison() -> ComparisonCreator:
    """The Soviet 'patronymic' holds the father's given name."""
    return _comparison(
        "fa",
        "father's name",
        cll.NullLevel("fa"),
        cll.ExactMatchLevel("fa"),
        cll.ExactMatchLevel("fa_c"),
        cll.JaroWinklerLevel("fa", 0.88),
        cll.ElseLevel(),
    )


def birth_comparison() -> ComparisonCreator:
    """Birth date exact, then birth year exact, ±1, ±2."""
    return _comparison(
        "birth",
        "birth date and year",
        cll.NullLevel("birth_year"),
        _custom('"birth_date_l" = "birth_date_r"', "birth date exact"),
        cll.ExactMatchLevel("birth_year"),
        _custom('abs("birth_year_l" - "birth_year_r") <= 1', "year ±1"),
        _custom('abs("birth_year_l" - "birth_year_r") <= 2', "year ±2"),
        cll.ElseLevel(),
    )


def exact_comparison(col: str, label: str, differ_m: float) -> ComparisonCreator:
    """Exact or not; the m of "differ" is fixed: EM, seeing few true pairs that differ,
    drives it to 0 and a single clerk's slip would then forbid a match."""
    differ = cll.ElseLevel().configure(m_probability=differ_m, fix_m_probability=True)
    return _comparison(col, label, cll.NullLevel(col), cll.ExactMatchLevel(col), differ)


def place_comparison() -> ComparisonCreator:
    return _comparison(
        "death_place",
        "place of death (phonetic key)",
        cll.NullLevel("death_place"),
        cll.ExactMatchLevel("death_place"),
        cll.JaroWinklerLevel("death_place", 0.85),
        cll.ElseLevel(),
    )


def contradiction_sql() -> str:
    """SQL over a pair (``_l``/``_r`` columns): the two records' events contradict."""
    s = EVENT_SLACK_DAYS
    return (
        f'("death_hi_l" + {s} < "alive_lo_r") OR ("death_hi_r" + {s} < "alive_lo_l") '
        f'OR ("home_day_l" + {s} < "alive_lo_r") OR ("home_day_r" + {s} < "alive_lo_l") '
        'OR ("repatriated_l" AND "death_lo_r" IS NOT NULL) '
        'OR ("repatriated_r" AND "death_lo_l" IS NOT NULL)'
    )


def event_comparison() -> ComparisonCreator:
    """Event consistency: a man repatriated in 1947 cannot die in camp in 1948."""
    d = DEATHS_AGREE_DAYS
    contradiction = _custom(contradiction_sql(), "events contradict").configure(
        m_probability=CONTRADICTION_M, fix_m_probability=True
    )
    return _comparison(
        "events",
        "event consistency (deaths, transfers, repatriation)",
        _custom('"death_lo_l" IS NULL AND "death_lo_r" IS NULL', "no death on either").configure(
            is_null_level=True
        ),
        contradiction,
        _custom(
            f'"death_lo_l" <= "death_hi_r" + {d} AND "death_lo_r" <= "death_hi_l" + {d}',
            "deaths agree",
        ),
        _custom('"death_lo_l" IS NOT NULL AND "death_lo_r" IS NOT NULL', "deaths differ"),
        cll.ElseLevel(),
    )


def home_comparison() -> ComparisonCreator:
    """The day he went home: a card closed "repatriated" and the landing at Maizuru are
    days apart (the transit camp at Nakhodka, the ship); two cards of one man agree."""
    days = 'abs("home_day_l" - "home_day_r")'
    return _comparison(
        "home",
        "day he left for home",
        cll.NullLevel("home_day"),
        _custom(f"{days} <= {HOME_VOYAGE_DAYS}", f"within {HOME_VOYAGE_DAYS} days (one voyage)"),
        _custom(f"{days} <= {HOME_AGREE_DAYS}", f"within {HOME_AGREE_DAYS} days"),
        _custom(f"{days} <= {HOME_CLOSE_DAYS}", f"within {HOME_CLOSE_DAYS} days"),
        # Fixed: EM drove it to 1e-11, so one miscopied year forbade a true pair.
        cll.ElseLevel().configure(m_probability=CONTRADICTION_M, fix_m_probability=True),
    )


def capture_comparison() -> ComparisonCreator:
    """The day he was taken prisoner: every Soviet card of one man copies it."""
    days = 'abs("capture_day_l" - "capture_day_r")'
    return _comparison(
        "capture",
        "day taken prisoner",
        cll.NullLevel("capture_day"),
        _custom(f"{days} = 0", "same day"),
        _custom(f"{days} <= {CAPTURE_CLOSE_DAYS}", f"within {CAPTURE_CLOSE_DAYS} days"),
        cll.ElseLevel(),
    )


def _same_arrival_sql() -> str:
    """Two cards of one camp stay: they open the same day (within ``STAY_NEXT_DAYS``)."""
    return f'abs("stay_in_l" - "stay_in_r") <= {STAY_NEXT_DAYS}'


def stays_overlap_sql() -> str:
    """SQL over a pair: two camp stays overlap by more than ``STAY_OVERLAP_DAYS`` and are
    not one stay (two cards of it arrive the same day). Both stays known: DuckDB's and
    Spark's least and greatest skip a NULL."""
    return (
        '"stay_in_l" IS NOT NULL AND "stay_in_r" IS NOT NULL '
        f"AND NOT ({_same_arrival_sql()}) AND "
        'least(coalesce("stay_out_l", "stay_in_l"), coalesce("stay_out_r", "stay_in_r")) '
        f'- greatest("stay_in_l", "stay_in_r") > {STAY_OVERLAP_DAYS}'
    )


def stay_comparison() -> ComparisonCreator:
    """Two Soviet cards' camp stays: one man's cards follow each other (one card closes
    "transferred" the day the next opens) and never overlap (he was in one camp at a time);
    a second card of the same stay opens the same day."""
    n, o = STAY_NEXT_DAYS, STAY_OVERLAP_DAYS
    return _comparison(
        "stay",
        "camp stays (Soviet cards)",
        cll.NullLevel("stay_in"),
        _custom(_same_arrival_sql(), "same arrival"),
        _custom(
            f'abs("stay_out_l" - "stay_in_r") <= {n} OR abs("stay_out_r" - "stay_in_l") <= {n}',
            "one leaves as the other arrives",
        ),
        _custom(stays_overlap_sql(), f"stays overlap by more than {o} days").configure(
            m_probability=STAY_OVERLAP_M, fix_m_probability=True
        ),
        cll.ElseLevel(),
    )


def comparisons() -> list[Any]:
    return [
        name_comparison("fam", "family name (phonetic keys)"),
        name_comparison("giv", "given name (phonetic keys)"),
        father_comparison(),
        birth_comparison(),
        exact_comparison("rank", "rank (Soviet wording)", DIFFER_M["rank"]),
        exact_comparison("unit", "unit (kind and number)", DIFFER_M["unit"]),
        exact_comparison("camp", "camp", DIFFER_M["camp"]),
        exact_comparison("prefecture", "home prefecture", DIFFER_M["prefecture"]),
        place_comparison(),
        event_comparison(),
        home_comparison(),
        capture_comparison(),
        stay_comparison(),
    ]


def settings(only_new: bool = False) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking.blocking_rules(only_new),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        additional_columns_to_retain=["source", "kind"],
        max_iterations=EM_MAX_ITERATIONS,
    )


# The prior (probability that two random records are one man) comes from rules whose
# pairs are nearly all true matches, divided by the share of true pairs they find. Same
# name and birth year is not such a rule on a large archive: namesakes share both (13 %
# of its pairs were true at 100,000 persons), which put the prior 6.6 times too high and
# let namesakes merge. Same name and full birth date stays precise (0.98 at 100,000
# persons) and finds about a tenth of true pairs at any size (0.103-0.107 on the tuning
# seeds; it depends on the share of lists giving full dates).
PRIOR_RULES = ["l.fam = r.fam AND l.giv = r.giv AND l.birth_date = r.birth_date"]
PRIOR_RECALL = 0.105
# When no two records share a full birth date (lists without dates): the older rules.
FALLBACK_PRIOR_RULES = [
    "l.fam = r.fam AND l.giv = r.giv AND l.birth_year = r.birth_year",
    "l.fam = r.fam AND l.giv = r.giv AND l.fa = r.fa",
]
FALLBACK_PRIOR_RECALL = 0.7
# EM leaves out the comparisons a training block fixes, so the names are trained on
# blocks that fix the other name (and the birth year). Each block is also held to its
# capped key (the dict's key), so a training block stays small however common the names
# (see blocking).
EM_BLOCKS = {
    "bk_names": "l.fam_c = r.fam_c AND l.giv_c = r.giv_c",
    "bk_train_giv_year": "l.birth_year = r.birth_year AND l.giv_c = r.giv_c",
    "bk_train_fam_year": "l.birth_year = r.birth_year AND l.fam_c = r.fam_c",
}
# On a large archive EM trains on a random share of each session's blocks (chosen by the
# block key's hash), about this many records' worth: m is a share among true pairs, which
# a random share of the blocks estimates as well as all of them, while EM's cost grows
# with the pairs it scores (at 100,000 persons the three sessions took 40 s of 130).
EM_SAMPLE_RECORDS = 100_000
_PER_MILLE = 1000


def em_blocks(records: int) -> list[str]:
    """The EM sessions' blocking rules for an archive of ``records`` records."""
    cut = round(_PER_MILLE * EM_SAMPLE_RECORDS / max(records, 1))
    sample = f" AND l.{{key}} % {_PER_MILLE} < {max(cut, 1)}" if cut < _PER_MILLE else ""
    return [
        f"{rule} AND l.{key} = r.{key}" + sample.format(key=key) for key, rule in EM_BLOCKS.items()
    ]
