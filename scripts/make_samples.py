"""Writes the bundled sample lists in samples/ (run once; the output is committed).

Twenty fictional men, each appearing in several lists the way the real archives hold
them: Soviet registration cards and a death register in Cyrillic (names taken down by
ear, with the documented distortions), the Japanese government's death list in
katakana made back from that Cyrillic (long vowels lost), a unit roster in kanji with
era dates, Maizuru landing records, and family inquiries in romaji. Each file is in the
encoding such a list really comes in. A few rows are deliberately broken (ragged, no
name, duplicate card number, impossible date, missing death date) to show quarantine.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from yokuryu.simulate.datefmt import ROMAN, RU_GENITIVE, kanji_number

OUT = Path(__file__).resolve().parent.parent / "samples"

# kanji family, kanji given, kana family, kana given, romaji, Soviet card spelling
# (family, given, patronymic), birth (y, m, d), prefecture, rank, camp, fate, fate date
PEOPLE = [
    (
        "佐藤",
        "博",
        "さとう",
        "ひろし",
        "Sato Hiroshi",
        ("Сото", "Киросе", "Кентаро"),
        (1921, 3, 1),
        "青森県",
        "上等兵",
        7,
        "died",
        "1946-01-12",
    ),
    (
        "田中",
        "一郎",
        "たなか",
        "いちろう",
        "Tanaka Ichiro",
        ("Танака", "Итиро", "Дзиро"),
        (1919, 5, 20),
        "東京都",
        "伍長",
        7,
        "returned",
        "1947-06-25",
    ),
    (
        "鈴木",
        "正雄",
        "すずき",
        "まさお",
        "Suzuki Masao",
        ("Сузуки", "Масао", "Тацуо"),
        (1920, 7, 15),
        "静岡県",
        "一等兵",
        7,
        "died",
        "1945-12-20",
    ),
    (
        "高橋",
        "清",
        "たかはし",
        "きよし",
        "Takahashi Kiyoshi",
        ("Такахаси", "Киеси", "Сабуро"),
        (1922, 1, 3),
        "新潟県",
        "一等兵",
        7,
        "returned",
        "1948-08-10",
    ),
    (
        "渡辺",
        "三郎",
        "わたなべ",
        "さぶろう",
        "Watanabe Saburo",
        ("Ватанабе", "Сабуро", "Кинзо"),
        (1918, 11, 2),
        "北海道",
        "軍曹",
        7,
        "died",
        "1946-02-03",
    ),
    (
        "伊藤",
        "茂",
        "いとう",
        "しげる",
        "Ito Shigeru",
        ("Ито", "Сигеру", "Токуити"),
        (1921, 9, 9),
        "福島県",
        "上等兵",
        7,
        "returned",
        "1949-11-27",
    ),
    (
        "山本",
        "武夫",
        "やまもと",
        "たけお",
        "Yamamoto Takeo",
        ("Ямамото", "Такео", "Гоити"),
        (1916, 4, 18),
        "大阪府",
        "中尉",
        7,
        "returned",
        "1956-12-26",
    ),
    (
        "中村",
        "勇",
        "なかむら",
        "いさむ",
        "Nakamura Isamu",
        ("Накамура", "Исаму", "Хейкити"),
        (1923, 2, 11),
        "熊本県",
        "二等兵",
        7,
        "died",
        "1946-03-12",
    ),
    (
        "小林",
        "義男",
        "こばやし",
        "よしお",
        "Kobayashi Yoshio",
        ("Кабаяси", "Иосио", "Мацудзо"),
        (1920, 6, 30),
        "長野県",
        "一等兵",
        7,
        "returned",
        "1947-05-21",
    ),
    (
        "加藤",
        "久雄",
        "かとう",
        "ひさお",
        "Kato Hisao",
        ("Като", "Хисао", "Ханзо"),
        (1919, 8, 8),
        "愛知県",
        "兵長",
        7,
        "died",
        "1945-11-30",
    ),
    (
        "吉田",
        "金吉",
        "よしだ",
        "きんきち",
        "Yoshida Kinkichi",
        ("Иосида", "Кинкити", "Дзинсаку"),
        (1905, 12, 1),
        "山形県",
        "軍属",
        7,
        "died",
        "1946-01-25",
    ),
    (
        "山田",
        "太郎",
        "やまだ",
        "たろう",
        "Yamada Taro",
        ("Ямада", "Таро", "Дзиро"),
        (1922, 10, 10),
        "岩手県",
        "一等兵",
        7,
        "returned",
        "1948-06-30",
    ),
    (
        "佐々木",
        "幸一",
        "ささき",
        "こういち",
        "Sasaki Koichi",
        ("Сасаки", "Коити", "Кодзи"),
        (1921, 1, 21),
        "宮城県",
        "上等兵",
        7,
        "died",
        "1946-02-14",
    ),
    (
        "山口",
        "秀夫",
        "やまぐち",
        "ひでお",
        "Yamaguchi Hideo",
        ("Ямагучи", "Хидео", "Сейдзо"),
        (1924, 3, 5),
        "山口県",
        "二等兵",
        7,
        "returned",
        "1949-09-02",
    ),
    (
        "松本",
        "正一",
        "まつもと",
        "しょういち",
        "Matsumoto Shoichi",
        ("Мацумото", "Сеити", "Масадзи"),
        (1920, 12, 12),
        "福岡県",
        "一等兵",
        7,
        "died",
        "1946-04-02",
    ),
    (
        "井上",
        "敏夫",
        "いのうえ",
        "としお",
        "Inoue Toshio",
        ("Иноуе", "Тосио", "Тадаси"),
        (1918, 7, 7),
        "広島県",
        "曹長",
        7,
        "returned",
        "1947-11-04",
    ),
    (
        "木村",
        "貞雄",
        "きむら",
        "さだお",
        "Kimura Sadao",
        ("Кимура", "Садао", "Тейдзи"),
        (1917, 2, 28),
        "秋田県",
        "伍長",
        7,
        "died",
        "1945-12-05",
    ),
    (
        "林",
        "文雄",
        "はやし",
        "ふみお",
        "Hayashi Fumio",
        ("Хаяси", "Фумио", "Кацуо"),
        (1923, 5, 5),
        "鹿児島県",
        "二等兵",
        7,
        "returned",
        "1950-04-22",
    ),
    (
        "斎藤",
        "栄",
        "さいとう",
        "さかえ",
        "Saito Sakae",
        ("Сайто", "Сакае", "Рикити"),
        (1921, 6, 16),
        "山梨県",
        "一等兵",
        7,
        "died",
        "1946-01-08",
    ),
    (
        "清水",
        "俊雄",
        "しみず",
        "としお",
        "Shimizu Toshio",
        ("Симизу", "Тосио", "Хейсуке"),
        (1920, 9, 1),
        "千葉県",
        "上等兵",
        7,
        "returned",
        "1948-11-15",
    ),
]
SOVIET_RANK = {
    "上等兵": "ст. рядовой",
    "一等兵": "рядовой",
    "二等兵": "рядовой",
    "伍長": "ефрейтор",
    "軍曹": "сержант",
    "曹長": "ст. сержант",
    "兵長": "мл. сержант",
    "中尉": "лейтенант",
    "軍属": "гражданский",
}


def era(y: int, m: int, d: int, kanji: bool = False) -> str:
    if (y, m, d) < (1912, 7, 30):
        name, year = "明治", y - 1867
    elif (y, m, d) < (1926, 12, 25):
        name, year = "大正", y - 1911
    else:
        name, year = "昭和", y - 1925
    if kanji:
        return f"{name}{'元' if year == 1 else kanji_number(year)}年{kanji_number(m)}月{kanji_number(d)}日"
    return f"{name}{year}年{m}月{d}日"


def russian_date(iso: str, style: int) -> str:
    y, m, d = (int(p) for p in iso.split("-"))
    if style == 0:
        return f"{d:02d}.{m:02d}.{y}"
    if style == 1:
        return f"{d}/{ROMAN[m - 1]}-{y}"
    return f"«{d} {RU_GENITIVE[m - 1]} {y} г.»"


def katakana_from_cyrillic_reading(kana: str) -> str:
    """The government list's katakana: long vowels lost, as when made from Cyrillic."""
    kata = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)
    for long_form, short in (("ウ", ""),):
        if (
            kata.endswith(long_form)
            and len(kata) > 2
            and kata[-2] in "オコソトノホモヨロゴゾドボポョ"
        ):
            kata = kata[:-1] + short
    return (
        kata.replace("ョウ", "ョ").replace("オウ", "オ").replace("コウ", "コ").replace("ロウ", "ロ")
    )


def write_text(name: str, text: str, encoding: str) -> None:
    (OUT / name).write_bytes(text.encode(encoding))


def csv_text(rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def soviet_cards() -> None:
    header = [
        "Номер карточки",
        "Фамилия",
        "Имя",
        "Отчество",
        "Год рождения",
        "Воинское звание",
        "Лагерь",
        "Дата прибытия",
        "Дата смерти",
        "Примечание",
    ]
    rows = [header]
    for i, (_, _, _, _, _, (fam, giv, pat), born, _, rank, camp, fate, when) in enumerate(PEOPLE):
        death = russian_date(when, i % 3) if fate == "died" else ""
        rows.append(
            [
                f"7-{1041 + i}",
                fam,
                giv,
                pat,
                str(born[0]),
                SOVIET_RANK[rank],
                f"№ {camp}",
                russian_date("1945-10-14", i % 2),
                death,
                "умер в госпитале" if death else "",
            ]
        )
    rows.append(
        [
            "7-1090",
            "Миура",
            "Кадзуо",
            "Ситиро",
            "1922",
            "рядовой",
            "№ 7",
            "14.10.1945",
            "31.02.1946",
            "дата смерти в подлиннике неразборчива",
        ]
    )
    rows.append(
        ["7-1091", "", "", "", "1921", "рядовой", "№ 7", "14.10.1945", "", "фамилия не указана"]
    )
    rows.append(
        [
            "7-1042",
            "Танака",
            "Итиро",
            "Дзиро",
            "1919",
            "ефрейтор",
            "№ 7",
            "14.10.1945",
            "",
            "повторная карточка",
        ]
    )
    rows.append(["7-1092", "Окада", "Сигео", "1920", "рядовой", "№ 7", "14.10.1945", "", ""])
    write_text("soviet_cards_camp7.csv", csv_text(rows, ";"), "cp1251")


def soviet_deaths() -> None:
    header = [
        "N п/п",
        "Фамилия",
        "Имя",
        "Год рождения",
        "Дата смерти",
        "Место смерти",
        "Кладбище",
        "N могилы",
    ]  # KOI8-R has no №
    rows = [header]
    dead = [p for p in PEOPLE if p[10] == "died"]
    for i, (_, _, _, _, _, (fam, giv, _), born, _, _, _, _, when) in enumerate(dead, start=1):
        rows.append(
            [
                str(i),
                fam.upper(),
                giv.upper(),
                str(born[0]),
                russian_date(when, 0),
                "Тайшет, л/о 7",
                "кладбище Тайшет-2",
                str(100 + i * 3),
            ]
        )
    rows.append(
        [str(len(dead) + 1), "ОНО", "ТАКАСИ", "1921", "", "Тайшет", "кладбище Тайшет-2", "161"]
    )
    write_text("soviet_death_register.tsv", csv_text(rows, "\t"), "koi8_r")


def mhlw_deaths() -> None:
    header = ["整理番号", "氏名", "生年", "死亡年月日", "死亡場所", "埋葬地"]
    rows = [header]
    for i, (_, _, kf, kg, _, _, born, _, _, _, fate, when) in enumerate(PEOPLE, start=1):
        if fate != "died":
            continue
        y, m, d = (int(p) for p in when.split("-"))
        name = f"{katakana_from_cyrillic_reading(kf)} {katakana_from_cyrillic_reading(kg)}"
        rows.append(
            [
                f"R-{5000 + i}",
                name,
                str(born[0]),
                era(y, m, d),
                "イルクーツク州タイシェト",
                "タイシェト第2墓地",
            ]
        )
    write_text("mhlw_death_list.csv", csv_text(rows, ","), "cp932")


def unit_roster() -> None:
    header = ["番号", "氏名", "ふりがな", "生年月日", "本籍", "階級", "部隊", "最終消息"]
    rows = [header]
    for i, (kf, kg, rf, rg, _, _, born, pref, rank, _, fate, _) in enumerate(PEOPLE, start=1):
        status = "ソ連抑留中死亡" if fate == "died" else "復員"
        rows.append(
            [
                str(i),
                f"{kf}{kg}",
                f"{rf} {rg}",
                era(*born, kanji=i % 2 == 0),
                pref,
                rank,
                "関東軍第百七師団歩兵第九十連隊",
                status,
            ]
        )
    rows.append(
        [
            "21",
            "三浦和夫",
            "みうら かずお",
            "昭和70年1月1日",
            "宮城県",
            "一等兵",
            "関東軍第百七師団歩兵第九十連隊",
            "不明",
        ]
    )
    write_text("unit_roster.csv", csv_text(rows, ","), "euc_jp")


def landings() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "舞鶴上陸"
    sheet.append(["上陸番号", "氏名", "読み", "本籍", "生年月日", "船名", "上陸年月日", "部隊"])
    ships = {1947: "栄豊丸", 1948: "高砂丸", 1949: "英彦丸", 1950: "高砂丸", 1956: "興安丸"}
    for i, (kf, kg, rf, rg, _, _, born, pref, _, _, fate, when) in enumerate(PEOPLE, start=1):
        if fate != "returned":
            continue
        y, m, d = (int(p) for p in when.split("-"))
        sheet.append(
            [
                f"M{y}-{300 + i}",
                f"{kf} {kg}",
                f"{rf} {rg}",
                pref,
                f"S{born[0] - 1925}.{born[1]}.{born[2]}" if born[0] >= 1927 else era(*born),
                ships[y],
                era(y, m, d),
                "関東軍",
            ]
        )
    book.save(OUT / "maizuru_landing.xlsx")


def inquiries() -> None:
    lines = []
    picks = [0, 2, 4, 6, 9, 16]
    for n, i in enumerate(picks, start=1):
        person = PEOPLE[i]
        lines.append(
            {
                "inquiry_no": f"INQ-{n:03d}",
                "name": person[4],
                "born": str(person[6][0]),
                "prefecture": person[7],
                "last_heard": "Manchuria, August 1945",
                "asked_by": "son" if n % 2 else "daughter",
            }
        )
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    write_text("family_inquiries.jsonl", text, "utf-8")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    soviet_cards()
    soviet_deaths()
    mhlw_deaths()
    unit_roster()
    landings()
    inquiries()


if __name__ == "__main__":
    main()
