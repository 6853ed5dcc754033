"""Writing many rows at once. On PostgreSQL rows go in through COPY (psycopg's `copy`), the
database's own bulk path, many times faster than INSERTs; elsewhere (SQLite) through one
executemany per batch. Callers give plain values in the column order (dates, Decimals,
strings, ints, JSON already dumped), so no model instance is built per row."""

from collections.abc import Iterable

from django.db import connection


def insert_rows(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in `columns` order) into `model`'s table; return how many."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
                    count += 1
            return count
        rows = list(rows)
        if rows:
            marks = ", ".join(["%s"] * len(columns))
            # Table and column names come from the model, quoted; values are parameters.
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)
        return len(rows)


def db_value(model, field_name: str, value):
    """A value as the field itself would send it (e.g. an aware datetime on SQLite)."""
    field = model._meta.get_field(field_name)
    return field.get_db_prep_save(value, connection)
