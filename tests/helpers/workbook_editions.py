"""The workbook page in each language, for the browser tests that run on
both: its folder, the words of what a test presses or reads (the language's
workbook-messages module), and Python speaking its language (CPython's
browser_py, as the worker does on that page)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.translated import speaking


@dataclass(frozen=True)
class Edition:
    """A language's workbook page, and the words of its buttons (its
    workbook-messages module) and Python's catalogue (None: English)."""

    path: str  # "" or "zh/"
    lang: str
    catalogue: str | None
    buttons: dict[str, str]
    passphrase: str
    open_file: str
    not_imported: str
    round_group: str
    not_recorded: str
    import_these: str
    cancel: str
    forget_on: str  # the forget setting's state once on, for 30 days
    calendar_saved: str


EDITIONS = {
    "en": Edition(
        path="",
        lang="en",
        catalogue=None,
        buttons={
            "json": "Export answers (.json)",
            "markdown": "Export as Markdown (.md)",
            "calendar": "Download calendar (.ics)",
            "pdf": "Download my filled workbook (PDF)",
            "passphrase": "Passphrase to lock the .json export (optional)",
        },
        passphrase="Passphrase",
        open_file="Open the file",
        not_imported="This file was not imported.",
        round_group="Round: ",
        not_recorded="not recorded",
        import_these="Import these answers",
        cancel="Cancel",
        forget_on="On: after 30 days",
        calendar_saved="dates saved",
    ),
    "zh-Hans": Edition(
        path="zh/",
        lang="zh-Hans",
        catalogue="zh_Hans",
        buttons={
            "json": "\u5bfc\u51fa\u56de\u7b54\uff08.json\uff09",  # 导出回答（.json）
            "markdown": "\u5bfc\u51fa\u4e3aMarkdown\uff08.md\uff09",  # 导出为Markdown（.md）
            # 下载日历文件（.ics）
            "calendar": "\u4e0b\u8f7d\u65e5\u5386\u6587\u4ef6\uff08.ics\uff09",
            # 下载我填好的练习册（PDF）
            "pdf": "\u4e0b\u8f7d\u6211\u586b\u597d\u7684\u7ec3\u4e60\u518c\uff08PDF\uff09",
            # 用来加密.json导出文件的密码短语（可选）
            "passphrase": "\u7528\u6765\u52a0\u5bc6.json\u5bfc\u51fa\u6587\u4ef6"
            "\u7684\u5bc6\u7801\u77ed\u8bed\uff08\u53ef\u9009\uff09",
        },
        passphrase="\u5bc6\u7801\u77ed\u8bed",  # 密码短语
        open_file="\u6253\u5f00\u6587\u4ef6",  # 打开文件
        not_imported="\u8fd9\u4e2a\u6587\u4ef6\u6ca1\u6709\u5bfc\u5165\u3002",  # 这个文件没有导入。
        round_group="\u8f6e\u6b21\uff1a",  # 轮次：
        not_recorded="\u672a\u8bb0\u5f55",  # 未记录
        import_these="\u5bfc\u5165\u8fd9\u4e9b\u56de\u7b54",  # 导入这些回答
        cancel="\u53d6\u6d88",  # 取消
        forget_on="\u5df2\u5f00\u542f\uff1a30\u5929",  # 已开启：30天
        calendar_saved="\u4e2a\u65e5\u671f\u4fdd\u5b58\u5230",  # 个日期保存到
    ),
}


def in_language(edition: Edition) -> AbstractContextManager[None]:
    """CPython's browser_py speaking the edition's language, as the worker does."""
    return speaking(edition.catalogue) if edition.catalogue else nullcontext()


def blank_pdf(built_site: Path, edition: Edition) -> bytes:
    found = sorted((built_site / edition.path / "downloads").glob("rebound-workbook*.pdf"))
    assert len(found) == 1, found
    return found[0].read_bytes()
