"""The exceptions bcm-excel raises: each carries a message code of :mod:`.messages`.

Raised for what makes a run impossible (a file that cannot be read, a file
that may not be written, settings that do not hold); problems inside a
workbook are findings, not exceptions. The CLI prints ``message(lang)`` and
exits with code 2.
"""

from __future__ import annotations

from .messages import MESSAGES


class BcmError(Exception):
    """Base class: something made the requested run impossible."""

    def __init__(self, code: str, lang: str = "nl", **params):
        self.code, self.lang, self.params = code, lang, params
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the language it was raised in)."""
        return MESSAGES[self.code].text(lang or self.lang, **self.params)


class UnreadableFile(BcmError):
    """A file could not be opened as a workbook (corrupt, foreign, encrypted, too large)."""


class NotOurWorkbook(BcmError):
    """A workbook that bcm-excel did not make (or that lost its identifying sheets)."""


class UnsupportedVersion(BcmError):
    """A workbook made by a newer bcm-excel than this one."""


class WorkbookLocked(BcmError):
    """A workbook that is open in Excel (its ~$ lock file exists)."""


class NotWritable(BcmError):
    """An output that may not be written (it exists, is a folder, or belongs to the user)."""


class InvalidSettings(BcmError):
    """Settings that break the rules' assumptions (e.g. horizons not increasing)."""


class MacroError(BcmError):
    """The VBA project of a .xlsm could not be built."""


class LibreOfficeError(BcmError):
    """LibreOffice is missing or did not produce the expected output."""
