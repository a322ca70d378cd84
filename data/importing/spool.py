"""Valid rows waiting to be written, kept on disk a chunk at a time instead of in memory."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator


class RowSpool:
    """A list-like, re-readable sequence of row dicts held in a temporary file.

    Validation appends the typed rows of each chunk; the writer reads them back in the same
    chunks. Memory holds one chunk, whatever the file's length. The file is our own (a private
    temporary file, deleted on close), so unpickling it is safe.
    """

    def __init__(self, directory: str | None = None) -> None:
        # Closed by close() (the owner holds it across validation and writing).
        self._file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._offsets: list[int] = []
        self._length = 0

    def extend(self, rows: Iterable[dict]) -> None:
        rows = list(rows)
        if not rows:
            return
        self._file.seek(0, 2)
        self._offsets.append(self._file.tell())
        pickle.dump(rows, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._length += len(rows)

    def clear(self) -> None:
        self._file.seek(0)
        self._file.truncate()
        self._offsets.clear()
        self._length = 0

    def chunks(self) -> Iterator[list[dict]]:
        for offset in list(self._offsets):
            self._file.seek(offset)
            yield pickle.load(self._file)  # noqa: S301 - our own private temporary file

    def __iter__(self) -> Iterator[dict]:
        for chunk in self.chunks():
            yield from chunk

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def close(self) -> None:
        self._file.close()
