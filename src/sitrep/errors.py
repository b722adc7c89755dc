"""sitrep's errors, with stable codes.

Bad input never crashes a batch: readers and cleaners turn it into a ``Rejected`` record carrying
one of the codes below, which the store keeps and the summary counts. Exceptions are for callers'
mistakes (a bad command-line value, an unusable database URL), not for bad articles.

Hierarchy::

    SitrepError                 exit code 1
    ├── UsageError              exit code 2   bad arguments or options
    ├── StoreError              exit code 3   the database cannot be opened or migrated
    └── InputError              (never escapes a batch: becomes a Rejected record)

Rejection codes (``Rejected.code``), stable across versions:

    E_EMPTY        the input has no text at all
    E_BINARY       the bytes are not text in any encoding (e.g. an image, an archive)
    E_ENCODING     the text could not be decoded
    E_TOO_LARGE    the input exceeds the size limit (settings.max_input_bytes)
    E_PARSE        the container could not be parsed (malformed JSON line, broken HTML, truncated WARC)
    E_NO_TEXT      the container parsed but holds no article text (empty feed, JSONL line without text/html)
    E_NO_CONTENT   cleaning left no main text (the page is all navigation, comments, furniture)
                   and the title has fewer than four words (a longer one is kept for its headline)
    E_LANGUAGE     the article is confidently not in English, which sitrep's extractors read
    E_UNSUPPORTED  a file type sitrep does not read
    E_NOT_FOUND    a path given on the command line does not exist
    E_INTERNAL     a stage failed on this input (a bug to report); the batch goes on
"""

from __future__ import annotations

E_EMPTY = "E_EMPTY"
E_BINARY = "E_BINARY"
E_ENCODING = "E_ENCODING"
E_TOO_LARGE = "E_TOO_LARGE"
E_PARSE = "E_PARSE"
E_NO_TEXT = "E_NO_TEXT"
E_NO_CONTENT = "E_NO_CONTENT"
E_LANGUAGE = "E_LANGUAGE"
E_UNSUPPORTED = "E_UNSUPPORTED"
E_NOT_FOUND = "E_NOT_FOUND"
E_INTERNAL = "E_INTERNAL"

CODES = {
    E_EMPTY: "the input has no text at all",
    E_BINARY: "the bytes are not text in any encoding",
    E_ENCODING: "the text could not be decoded",
    E_TOO_LARGE: "the input exceeds the size limit",
    E_PARSE: "the container could not be parsed",
    E_NO_TEXT: "the container holds no article text",
    E_NO_CONTENT: "cleaning left no main text",
    E_LANGUAGE: "the article is not in English",
    E_UNSUPPORTED: "a file type sitrep does not read",
    E_NOT_FOUND: "the path does not exist",
    E_INTERNAL: "a stage failed on this input",
}

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_STORE = 3


class SitrepError(Exception):
    exit_code = EXIT_ERROR


class UsageError(SitrepError):
    exit_code = EXIT_USAGE


class StoreError(SitrepError):
    exit_code = EXIT_STORE


class InputError(SitrepError):
    """Raised inside readers and caught at the document boundary, where it becomes a Rejected."""

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
