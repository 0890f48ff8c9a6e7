"""The exceptions bcm-excel raises; the CLI turns each into a message and an exit code."""


class BcmError(Exception):
    """Base class: something made the requested run impossible."""


class UnreadableFile(BcmError):
    """A file could not be opened as a workbook (corrupt, foreign, encrypted, too large)."""


class NotOurWorkbook(BcmError):
    """A workbook that bcm-excel did not make (or that lost its identifying sheets)."""


class UnsupportedVersion(BcmError):
    """A workbook made by a newer bcm-excel than this one."""


class WorkbookLocked(BcmError):
    """A workbook that is open in Excel (its ~$ lock file exists)."""


class InvalidSettings(BcmError):
    """Settings that break the rules' assumptions (e.g. horizons not increasing)."""
