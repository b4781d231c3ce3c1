"""Making damaged project files on purpose (issue #14 item 3): shared by the tests and benchmarks/corruption_trials.py."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path


def page_size_and_count(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:100]
    size = int.from_bytes(header[16:18], "big")
    size = 65536 if size == 1 else size
    return size, path.stat().st_size // size


def corrupt_random_page(path: Path, rng: random.Random) -> str:
    """Overwrite part or all of one page (never the first, which holds the header). Returns what was done."""
    size, count = page_size_and_count(path)
    page = rng.randrange(2, count + 1)
    data = bytearray(path.read_bytes())
    start = (page - 1) * size
    if rng.random() < 0.5:
        data[start:start + size] = rng.randbytes(size)
        what = f"page {page} of {count}: all {size} bytes random"
    else:
        length = rng.randrange(8, 129)
        offset = rng.randrange(0, size - length)
        data[start + offset:start + offset + length] = rng.randbytes(length)
        what = f"page {page} of {count}: {length} random bytes at offset {offset}"
    path.write_bytes(bytes(data))
    return what


def integrity_problem(path: Path) -> str | None:
    """What SQLite's full integrity check says is wrong with ``path`` (None when it says ok)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # test files have plain names
        try:
            rows = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as err:
        return str(err)
    return None if rows == ["ok"] else "; ".join(rows)


def corrupt_index(path: Path) -> None:
    """Change one character of the article content hash stored in its index, leaving the b-tree well formed:
    the quick check passes, the full check finds the index no longer matches its table."""
    connection = sqlite3.connect(path)
    try:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_articles_content_hash'"
                                  ).fetchone()[0]
        content_hash = connection.execute("SELECT content_hash FROM articles ORDER BY id").fetchone()[0]
    finally:
        connection.close()
    size, _ = page_size_and_count(path)
    data = bytearray(path.read_bytes())
    page = data[(root - 1) * size: root * size]
    at = page.find(content_hash.encode())
    assert at >= 0, "the index page does not hold the hash"
    last = at + len(content_hash) - 1
    page[last] = ord("0") if page[last] != ord("0") else ord("1")
    data[(root - 1) * size: root * size] = page
    path.write_bytes(bytes(data))


def break_utf8(path: Path, quote_id: int) -> None:
    """Store bytes that are not UTF-8 as the text of one quote (the file itself stays well formed)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE quotes SET text = CAST(X'4F6E6520FFFE2062616420C3' AS TEXT) WHERE id = ?",
                           (quote_id,))
        connection.commit()
    finally:
        connection.close()
