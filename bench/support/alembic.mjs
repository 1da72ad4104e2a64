// Alembic beside athanor: finding a python3 that has it, and writing the same
// revision graph as an Alembic project.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

let found;
/**
 * A python3 that imports Alembic and SQLAlchemy: BENCH_PYTHON, else `python3` on
 * the PATH, else the system's /usr/bin/python3 (where Debian's python3-alembic
 * installs it). Returns { python, version } or null.
 */
export function findAlembic() {
  if (found !== undefined) return found;
  found = null;
  for (const python of [process.env.BENCH_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean)) {
    const probe = spawnSync(python, ["-c", "import alembic, sqlalchemy; print(alembic.__version__, sqlalchemy.__version__)"], { encoding: "utf8" });
    if (probe.status === 0) {
      const [version, sqlalchemy] = probe.stdout.trim().split(" ");
      found = { python, version, sqlalchemy };
      break;
    }
  }
  return found;
}

const py = (value) =>
  value === null || value === undefined
    ? "None"
    : Array.isArray(value)
      ? `(${value.map((v) => `'${v}'`).join(", ")},)`
      : `'${value}'`;

/** One revision file as `alembic revision` writes it. */
function revisionFile({ revision, downRevision, message, branchLabels, dependsOn }) {
  const revises = Array.isArray(downRevision) ? downRevision.join(", ") : (downRevision ?? "");
  return `"""${message}

Revision ID: ${revision}
Revises: ${revises}
Create Date: 2026-11-21 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = ${py(revision)}
down_revision = ${py(downRevision)}
branch_labels = ${py(branchLabels)}
depends_on = ${py(dependsOn)}


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    op.execute("SELECT 1")
`;
}

/**
 * Write an Alembic project under `dir` (emptied first) holding `revisions` (as
 * bench/support/project.mjs's graphs give them), with an env.py on a SQLite file
 * of its own; returns `dir`.
 */
export function writeAlembicProject(dir, revisions) {
  rmSync(dir, { recursive: true, force: true });
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(dir, "alembic.ini"), `[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///${join(dir, "bench.db")}\n`);
  writeFileSync(
    join(dir, "migrations", "env.py"),
    `from alembic import context
from sqlalchemy import create_engine

engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
`,
  );
  writeFileSync(join(dir, "migrations", "script.py.mako"), "");
  for (const rev of revisions) {
    writeFileSync(join(versions, `${rev.revision}_${rev.message.replace(/\W+/g, "_")}.py`), revisionFile(rev));
  }
  return dir;
}
