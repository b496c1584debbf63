"""Chinese and Japanese write words without spaces: an article in them is ingested, not refused."""
from __future__ import annotations

import datetime as dt

from digest.ingest.normalize import Hints, normalize

DAY = dt.date(2023, 11, 2)
CHINESE = "\n".join([
    "新闻", "体育", "汽车",
    "李克强同志遗体在京火化",
    "2023-11-02 20:13 来源: 搜狐政务",
    "李克强同志的遗体2日在北京八宝山革命公墓火化。李克强同志因病医治无效，于2023年10月27日在上海逝世，享年68岁。",
    "2日上午，八宝山革命公墓礼堂庄严肃穆，哀乐低回。正厅上方悬挂着黑底白字的横幅，横幅下方是李克强同志的遗像。",
    "返回搜狐，查看更多",
])


def test_a_chinese_article_is_ingested_with_its_headline_and_date():
    draft = normalize(CHINESE, Hints(window=(DAY, DAY), today=DAY))
    assert draft.front["title"] == "李克强同志遗体在京火化"
    assert draft.front["date"] == DAY
    assert "八宝山革命公墓火化" in draft.body


def test_a_date_printed_the_chinese_and_japanese_way_is_the_publication_day():
    text = CHINESE.replace("2023-11-02 20:13 来源: 搜狐政务", "2023年11月2日 20时13分 来源: 搜狐政务")
    draft = normalize(text, Hints(window=(DAY, DAY), today=dt.date(2026, 12, 1)))
    assert draft.front["date"] == DAY
    assert draft.front["date_source"] == "explicit"
