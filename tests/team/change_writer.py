"""Run as another process: change quote 1's note and write its audit row in one transaction, as the store
does; commit, or roll back with --rollback. Prints the wall-clock time of the commit (or rollback)."""

import sys
import time

import psycopg


def main(url: str, note: str, rollback: bool) -> None:
    with psycopg.connect(url) as conn:
        with conn.cursor() as cursor:
            cursor.execute("UPDATE quotes SET note = %s WHERE id = 1", (note,))
            cursor.execute("INSERT INTO audit_log (at, analyst, action, entity, entity_id, field, new_value) "
                           "VALUES ('2026-12-03T20:00:00', 'Ana', 'update', 'quote', 1, 'note', %s)", (note,))
        if rollback:
            conn.rollback()
        else:
            conn.commit()
        print(time.time(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--rollback" in sys.argv[3:])
