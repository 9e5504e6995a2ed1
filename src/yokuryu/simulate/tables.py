"""Small fixed tables of the domain: ranks, prefectures, units, capture places.

Each table is a tuple of rows; people hold an index into it, so archive columns are made
by indexing arrays, never by looping over people. Sources are given per table; the
project's sourced fact sheet is summarised in docs/simulate.md.
"""

from __future__ import annotations

from typing import NamedTuple


class Rank(NamedTuple):
    ja: str
    ru: str
    group: str  # private | nco | officer | general | civilian
    weight: float  # within its group


# Japanese army ranks (GK) with the Soviet card wording (GK). Weights within a group
# follow the camp samples of Okha 1947 (10 officers, 193 NCOs, 1,699 privates) and
# Balkhash 1946 (2 captains, 17 senior and 17 junior lieutenants, 85 NCOs, 1,222
# privates) (both B).
RANKS: tuple[Rank, ...] = (
    Rank("二等兵", "рядовой", "private", 0.30),
    Rank("一等兵", "рядовой", "private", 0.34),
    Rank("上等兵", "ефрейтор", "private", 0.26),
    Rank("兵長", "ефрейтор", "private", 0.10),
    Rank("伍長", "мл. сержант", "nco", 0.38),
    Rank("軍曹", "сержант", "nco", 0.36),
    Rank("曹長", "ст. сержант", "nco", 0.21),
    Rank("准尉", "старшина", "nco", 0.05),
    Rank("少尉", "мл. лейтенант", "officer", 0.36),
    Rank("中尉", "лейтенант", "officer", 0.34),
    Rank("大尉", "капитан", "officer", 0.16),
    Rank("少佐", "майор", "officer", 0.08),
    Rank("中佐", "подполковник", "officer", 0.04),
    Rank("大佐", "полковник", "officer", 0.02),
    Rank("少将", "генерал-майор", "general", 0.62),
    Rank("中将", "генерал-лейтенант", "general", 0.35),
    Rank("大将", "генерал", "general", 0.03),
    Rank("軍属", "вольнонаёмный", "civilian", 1.0),
)
NCO_SHARE_OF_MEN = 0.10  # Okha 1947: 193 NCOs of 1,892 men; Balkhash 1946: 85 of 1,307

# Home prefectures. Identified deaths by prefecture (Kyodo 2014, A/B): Tokyo 1,832,
# Hokkaido 1,306, Niigata 1,157, Aichi 1,125, Osaka 1,121, Karafuto and others 116, of
# 33,909. The other prefectures share the rest in proportion to their 1940 census
# population in thousands (GK).
_KYODO = {"東京都": 1832, "北海道": 1306, "新潟県": 1157, "愛知県": 1125, "大阪府": 1121}
_KYODO_TOTAL, _KYODO_OTHER = 33909, 116
_POP_1940 = {
    "北海道": 3272,
    "青森県": 1000,
    "岩手県": 1096,
    "宮城県": 1271,
    "秋田県": 1052,
    "山形県": 1119,
    "福島県": 1626,
    "茨城県": 1620,
    "栃木県": 1207,
    "群馬県": 1299,
    "埼玉県": 1609,
    "千葉県": 1588,
    "東京都": 7355,
    "神奈川県": 2189,
    "新潟県": 2064,
    "富山県": 823,
    "石川県": 758,
    "福井県": 644,
    "山梨県": 663,
    "長野県": 1711,
    "岐阜県": 1265,
    "静岡県": 2018,
    "愛知県": 3167,
    "三重県": 1199,
    "滋賀県": 704,
    "京都府": 1730,
    "大阪府": 4793,
    "兵庫県": 3221,
    "奈良県": 620,
    "和歌山県": 865,
    "鳥取県": 484,
    "島根県": 741,
    "岡山県": 1329,
    "広島県": 1870,
    "山口県": 1294,
    "徳島県": 719,
    "香川県": 731,
    "愛媛県": 1179,
    "高知県": 709,
    "福岡県": 3094,
    "佐賀県": 702,
    "長崎県": 1370,
    "熊本県": 1368,
    "大分県": 973,
    "宮崎県": 840,
    "鹿児島県": 1590,
    "沖縄県": 575,
}


def prefecture_weights() -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Prefecture names (with 樺太 last) and their weights as homes of the interned."""
    rest = _KYODO_TOTAL - _KYODO_OTHER - sum(_KYODO.values())
    others = {p: n for p, n in _POP_1940.items() if p not in _KYODO}
    scale = rest / sum(others.values())
    names = (*_POP_1940, "樺太")
    weights = [float(_KYODO.get(p, _POP_1940[p] * scale)) for p in _POP_1940]
    return names, (*weights, float(_KYODO_OTHER))


KOREA_HOME = "朝鮮"


class Unit(NamedTuple):
    ja: str
    ru: str
    region: str  # capture region the unit was in


# Kwantung Army formations named in the fact sheet (JM 154/155, B/C): the 1st, 3rd Area
# Armies, 4th Army, 17th Area Army in Korea (34th, 58th Armies), the divisions raised
# 10 Jul 1945 (134th-139th, 148th, 149th), the 123rd; 91st (N. Kurils), 89th (Iturup,
# Kunashir), 129th Independent Mixed Brigade (Urup); the 88th on Sakhalin (GK).
UNITS: tuple[Unit, ...] = (
    Unit("第百二十三師団", "123 пд", "manchuria"),
    Unit("第百三十四師団", "134 пд", "manchuria"),
    Unit("第百三十五師団", "135 пд", "manchuria"),
    Unit("第百三十六師団", "136 пд", "manchuria"),
    Unit("第百三十七師団", "137 пд", "manchuria"),
    Unit("第百三十八師団", "138 пд", "manchuria"),
    Unit("第百三十九師団", "139 пд", "manchuria"),
    Unit("第百四十八師団", "148 пд", "manchuria"),
    Unit("第百四十九師団", "149 пд", "manchuria"),
    Unit("第一方面軍司令部", "штаб 1 фронта", "manchuria"),
    Unit("第三方面軍司令部", "штаб 3 фронта", "manchuria"),
    Unit("第四軍", "4 армия", "manchuria"),
    Unit("関東軍司令部", "штаб Квантунской армии", "manchuria"),
    Unit("第三十四軍", "34 армия", "korea"),
    Unit("第五十八軍", "58 армия", "korea"),
    Unit("第八十八師団", "88 пд", "sakhalin"),
    Unit("第九十一師団", "91 пд", "kurils"),
    Unit("第八十九師団", "89 пд", "kurils"),
    Unit("独立混成第百二十九旅団", "129 омбр", "kurils"),
)
# Civilians added to fill units (EN Wikipedia, B): railway staff, army civilians,
# telephone operators (the women).
CIVILIAN_UNITS: tuple[Unit, ...] = (
    Unit("満洲国鉄道", "ЮМЖД", "manchuria"),
    Unit("関東軍軍属", "вольнонаёмный Квантунской армии", "manchuria"),
    Unit("満洲電信電話", "телефонная станция", "manchuria"),
)

REGIONS = ("manchuria", "korea", "sakhalin", "kurils")


class CapturePlace(NamedTuple):
    en: str
    ru: str
    ja: str
    region: str


# Capture and assembly places from places.csv (capture_region rows).
CAPTURE_PLACES: tuple[CapturePlace, ...] = (
    CapturePlace("Harbin", "Харбин", "ハルビン", "manchuria"),
    CapturePlace("Mukden", "Мукден", "奉天", "manchuria"),
    CapturePlace("Changchun", "Чанчунь", "新京", "manchuria"),
    CapturePlace("Jiamusi", "Цзямусы", "佳木斯", "manchuria"),
    CapturePlace("Heihe", "Хэйхэ", "黒河", "manchuria"),
    CapturePlace("Hailar", "Хайлар", "ハイラル", "manchuria"),
    CapturePlace("Qiqihar", "Цицикар", "チチハル", "manchuria"),
    CapturePlace("Northern Korea", "Северная Корея", "北朝鮮", "korea"),
    CapturePlace("Hungnam", "Хыннам", "興南", "korea"),
    CapturePlace("South Sakhalin", "Южный Сахалин", "樺太", "sakhalin"),
    CapturePlace("Shumshu", "Шумшу", "占守島", "kurils"),
    CapturePlace("Iturup", "Итуруп", "択捉島", "kurils"),
)

# Causes of death written in Soviet registers (GK; typhus, dystrophy and pneumonia are
# named for the first winter in the fact sheet's camp notes).
DEATH_CAUSES_RU: tuple[str, ...] = (
    "дистрофия",
    "пневмония",
    "сыпной тиф",
    "дизентерия",
    "туберкулёз",
    "несчастный случай",
)
