"""Writing and looking up many rows at once. On PostgreSQL rows go in through COPY (psycopg's
`copy`), the database's own bulk path, many times faster than INSERTs; elsewhere (SQLite)
through one executemany per batch. Callers give plain values in the column order (dates,
Decimals, strings, ints, JSON already dumped), so no model instance is built per row; the
hottest caller may even give COPY's text lines ready made (copy_lines).

Lookups of thousands of keys use one array parameter on PostgreSQL (`= ANY(%s)`): an IN list
of thousands of parameters costs more to build and parse than the lookup itself."""

from collections.abc import Iterable

from django.db import connection


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _names(model, columns: list[str]) -> tuple[str, str]:
    table = connection.ops.quote_name(model._meta.db_table)
    return table, ", ".join(connection.ops.quote_name(column) for column in columns)


def insert_rows(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in `columns` order) into `model`'s table; return how many."""
    table, names = _names(model, columns)
    count = 0
    with connection.cursor() as cursor:
        if is_postgresql():
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


def copy_lines(model, columns: list[str], lines: list[str]) -> int:
    """PostgreSQL only: COPY lines already in COPY's text format (see copy_text)."""
    table, names = _names(model, columns)
    if lines:
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            copy.write("\n".join(lines))
            copy.write("\n")
    return len(lines)


def copy_text(value: str) -> str:
    """A text value in COPY's text format (backslash escapes)."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


def select_in(model, columns: list[str], key: str, values, where: str = "", params=()) -> list:
    """Rows (tuples of `columns`) of `model` whose `key` is one of `values`, with an extra
    condition (`where`, SQL on the table's own columns, with %s parameters)."""
    values = list(values)
    if not values:
        return []
    table, names = _names(model, columns)
    column = connection.ops.quote_name(key)
    if is_postgresql():
        condition, arguments = f"{column} = ANY(%s)", [values]
    else:
        condition, arguments = f"{column} IN ({', '.join(['%s'] * len(values))})", values
    sql = f"SELECT {names} FROM {table} WHERE {condition}"  # noqa: S608
    if where:
        sql += f" AND {where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*arguments, *params])
        return cursor.fetchall()


def db_value(model, field_name: str, value):
    """A value as the field itself would send it (e.g. an aware datetime on SQLite)."""
    field = model._meta.get_field(field_name)
    return field.get_db_prep_save(value, connection)
