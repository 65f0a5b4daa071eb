"""Write ``tests/data/bad/``: small files of the kinds a scraper produces, good and bad.

Run ``python tests/data/make_bad.py`` to regenerate them; the output is byte-for-byte the same
every time. ``tests/test_robustness.py`` says what each file must give. The 5 MB single line
is not committed: the test writes it at run time.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent / "bad"

#: A short article in the style of the seeds, with one entity of each core type.
ARTICLE = (
    "洛阳市工信局\n"
    "\n"
    "2022年9月19日 星期一\n"
    "\n"
    "市工信局牵头推进洛阳宏远新材料有限公司年产5万吨碳纤维项目，总投资12.5亿元。\n"
    "洛阳宏远新材料有限公司位于偃师区，项目计划2023年竣工投产。\n"
)

#: Text with a character GBK lacks (U+2000B, CJK Extension B), so only GB18030 encodes it.
GB18030_ONLY = ARTICLE + "项目所在地古称𠀋城。\n"

HTML = (
    "<html><head><title>洛阳市工信局</title><script>var x = 1;</script></head><body>\n"
    "<p>市工信局&nbsp;牵头推进<b>洛阳宏远新材料有限公司</b>年产5万吨碳纤维项目，"
    "总投资12.5亿元&nbsp;&amp;&lt;详见附件&gt;。</p>\n"
    "<div class=\"x\">洛阳宏远新材料有限公司位于偃师区。<br/>&#x6D1B;&#38451;</div>\n"
    "<img src=x onerror=alert(1)>\n"
    "</body></html>\n"
)

FULLWIDTH = (
    "洛阳市工信局\n\n"
    "市工信局牵头推进洛阳宏远新材料有限公司年产５万吨碳纤维项目，总投资１２．５亿元。\n"
    "项目计划２０２３年竣工（一期）：占地３００亩；联系电话：０３７９－１２３４５６７８！\n"
)

HOSTILE = (
    "<script>alert(\"标题\")</script>\n\n"
    "市工信局支持<script>alert('x')</script>科技有限公司发展。\n"
    "区发改委牵头推进“<img src=x onerror=alert(1)>产业园项目”。\n"
    "河南\"引号\"建设集团有限公司位于郑州市，A>B新材料有限公司与C\\D实业有限公司合作。\n"
    "空 格 投资有限公司投资建设😀表情科技园项目，</script><!--注释-->结束。\n"
    "县工信局支持&lt;b&gt;粗体&lt;/b&gt;电子有限公司。\n"
    "区发改委牵头推进“<b>新城</b>”项目建设。\n"
)

#: A user lexicon that makes the hostile names of :data:`HOSTILE` entities (``--lexicon``).
HOSTILE_LEXICON = (
    "<script>alert('x')</script>科技有限公司\tCompany\n"
    "河南\"引号\"建设集团有限公司\tCompany\n"
    "A>B新材料有限公司\tCompany\n"
    "C\\D实业有限公司\tCompany\n"
    "空 格 投资有限公司\tCompany\n"
    "😀表情科技园项目\tProject\n"
    "<img src=x onerror=alert(1)>产业园项目\tProject\n"
)

NO_ENTITY = "今天天气很好。\n我们在公园里散步，聊了很多事情，也拍了几张照片。\n"

#: File name -> bytes.
FILES: dict[str, bytes] = {
    "good_utf8.txt": ARTICLE.encode("utf-8"),
    "gbk.txt": ARTICLE.encode("gbk"),
    "gb18030.txt": GB18030_ONLY.encode("gb18030"),
    "utf8_bom.txt": b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
    "crlf.txt": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "cr.txt": ARTICLE.replace("\n", "\r").encode("utf-8"),
    "html.txt": HTML.encode("utf-8"),
    "fullwidth.txt": FULLWIDTH.encode("utf-8"),
    "hostile.txt": HOSTILE.encode("utf-8"),
    "no_entity.md": NO_ENTITY.encode("utf-8"),
    # The bad ones.
    "empty.txt": b"",
    "blank.txt": b" \r\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
    "undecodable.txt": "洛阳市".encode() + b"\x81\x30\x81" + b"\xff\xfe",
    "control.txt": "洛阳市工信局\x07\x1b[0m".encode(),
}


def main() -> None:
    """Write every file of :data:`FILES` into ``tests/data/bad/``."""
    HERE.mkdir(exist_ok=True)
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    (HERE.parent / "hostile_lexicon.tsv").write_bytes(HOSTILE_LEXICON.encode("utf-8"))
    print(f"wrote {len(FILES)} files to {HERE} and {HERE.parent / 'hostile_lexicon.tsv'}")


if __name__ == "__main__":
    main()
