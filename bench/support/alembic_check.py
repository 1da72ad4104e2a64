"""Alembic's no-op check on the autogenerate benchmark's schema, as one process.

The same tables as bench/support/wide-schema.mjs, declared with SQLAlchemy, and
what `alembic check` does (Alembic 1.9+; Debian's 1.8 has no check command):
connect, compare the database with the metadata, exit 1 when anything differs.
    python3 bench/support/alembic_check.py <sqlalchemy url> <tables> [schema]
"""
import os
import sys

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def wide_schema(count, schema=None):
    metadata = sa.MetaData(
        schema=schema,
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "pk": "pk_%(table_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        },
    )
    name = lambda i: "bench_t%04d" % i
    prefix = f"{schema}." if schema else ""
    for i in range(count):
        parent = name(0) if i == 0 else name(i - 1)
        columns = [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(100), nullable=False),
            sa.Column("code", sa.String(20), nullable=False),
            sa.Column("amount", sa.Numeric(12, 2)),
            sa.Column("ratio", sa.Float(precision=53)),
            sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
            sa.Column("created_at", sa.TIMESTAMP, nullable=False, server_default=sa.func.now()),
            sa.Column("body", sa.Text),
            sa.Column("parent_id", sa.Integer, sa.ForeignKey(f"{prefix}{parent}.id")),
        ]
        if i % 2 == 1:
            columns.append(sa.Column("owner_id", sa.Integer, sa.ForeignKey(f"{prefix}{name(i // 2)}.id", ondelete="CASCADE")))
        else:
            columns.append(sa.Column("born_on", sa.Date))
        table = sa.Table(name(i), metadata, *columns, sa.UniqueConstraint("code"))
        sa.Index(f"ix_{name(i)}_name", table.c.name)
        sa.Index(f"ix_{name(i)}_created_at", table.c.created_at, table.c.active)
    return metadata


def main():
    # SQLAlchemy orders the tables by their references recursively: a chain of
    # 1,000 tables, each referring to the one before, goes deeper than Python's default
    sys.setrecursionlimit(100_000)
    url, count = sys.argv[1], int(sys.argv[2])
    schema = sys.argv[3] if len(sys.argv) > 3 else None
    metadata = wide_schema(count, schema)
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        # SQLite's own sqlite_sequence is no table of the schema
        skip = lambda name, kind: kind == "table" and name == "sqlite_sequence"
        opts = {"include_name": lambda n, t, p: not skip(n, t)}
        if schema:
            opts = {"include_schemas": True, "include_name": lambda n, t, p: not skip(n, t) and (t != "schema" or n == schema)}
        context = MigrationContext.configure(connection, opts=opts)
        diffs = compare_metadata(context, metadata)
    # a no-op run finds nothing; what Alembic reports on its own (types it reads back
    # differently, its defaults) is counted, not failed: the work is the same
    print(f"{len(diffs)} difference(s)")
    if os.environ.get("BENCH_SHOW_DIFFS") == "1":
        for diff in diffs[:10]:
            print(diff)


if __name__ == "__main__":
    main()
