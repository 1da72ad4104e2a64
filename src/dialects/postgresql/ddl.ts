import type {
  AddEnumValue,
  DropEnumValue,
  AlterColumn,
  CreateEnum,
  DropEnum,
  DropIndex,
  RenameEnumValue,
  DropView,
  RefreshMaterializedView,
} from "../contract/index.js";
import type { Column, ColumnType, ExcludeConstraint, Index, View } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { isJsonDocument } from "../bulk-insert.js";
import { DefaultDdlCompiler, type IndexOptions } from "../ddl/default-ddl-compiler.js";
import { renderPostgresqlType, serialType } from "./type-compiler.js";
import * as security from "./security-ddl.js";
import type {
  AlterColumn as AlterColumnOperation,
  AlterSequence,
  CreatePolicy,
  CreateSequence,
  CreateTable,
  DropPolicy,
  DropSequence,
  SetRowLevelSecurity,
} from "../contract/index.js";

/** A trailing sort order of an index element: `DESC`, `ASC NULLS FIRST`, ... */
const ORDERING = /^([\s\S]*?)((?:\s+(?:ASC|DESC))?(?:\s+NULLS\s+(?:FIRST|LAST))?)\s*$/i;

/** A trailing operator class (`text_pattern_ops`, `public.gin_trgm_ops`): by convention every one ends in `_ops`. */
const OPERATOR_CLASS = /^([\s\S]*?)\s+((?:(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")\.)?(?:[A-Za-z_][\w$]*_ops|"(?:[^"]|"")+_ops"))$/;

/** An operator class name, schema-qualified or not, each part plain or quoted. */
const QUALIFIED_NAME = /^(?:(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")\.)?(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")$/;

/** A plain or quoted identifier alone: a column, which needs no parentheses. */
const IDENTIFIER = /^(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")$/;

/**
 * An index expression in the parentheses PostgreSQL requires, its operator
 * class and sort order (if any) left outside them; a column alone (with its
 * operator class or order) stays bare.
 *
 * @example
 * ```ts
 * indexExpression("lower(email) desc");             // (lower(email)) DESC
 * indexExpression('"email" text_pattern_ops DESC'); // "email" text_pattern_ops DESC
 * ```
 */
export function indexExpression(expression: string): string {
  const [, rest = expression, order = ""] = ORDERING.exec(expression) ?? [];
  const opclass = OPERATOR_CLASS.exec(rest.trim());
  const body = (opclass ? opclass[1]! : rest).trim();
  if (!body) throw new AthanorError(`Index expression ${JSON.stringify(expression)} has no expression before its sort order`);
  const element = IDENTIFIER.test(body) ? body : `(${body})`;
  return `${element}${opclass ? ` ${opclass[2]}` : ""}${order.replace(/\s+/g, " ").toUpperCase()}`;
}

/**
 * PostgreSQL DDL: the default compiler with PostgreSQL's own parts. Enum columns
 * name their type, which `createEnum` creates; a type change may convert with
 * `USING`; an auto-increment column is a serial one; indexes take an access
 * method, INCLUDE columns and CONCURRENTLY; generated columns are stored.
 * Identifiers are always quoted (and refused over 63 bytes by the dialect).
 *
 * @example
 * ```ts
 * const ddl = new PostgresqlDdlCompiler(postgresqlDialect);
 * ddl.compile({ kind: "dropTable", name: "users" }); // ['DROP TABLE "users"']
 * ```
 */
export class PostgresqlDdlCompiler extends DefaultDdlCompiler {
  protected readonly database = "PostgreSQL";

  renderType(type: ColumnType): string {
    return renderPostgresqlType(type, (name, schema) => this.table(name, schema));
  }

  protected override dropIndex(operation: DropIndex): string[] {
    // An index lives in its table's schema.
    const flags = `${operation.concurrently ? "CONCURRENTLY " : ""}${operation.ifExists ? "IF EXISTS " : ""}`;
    return [`DROP INDEX ${flags}${this.table(operation.name, operation.schema)}`];
  }

  protected override createEnum(operation: CreateEnum): string[] {
    const { name, schema, values } = operation.enum;
    const create = `CREATE TYPE ${this.table(name, schema)} AS ENUM (${values.map((v) => this.string(v)).join(", ")})`;
    return [operation.ifNotExists ? this.#ignoreDuplicate(create) : create];
  }

  protected override dropEnum(operation: DropEnum): string[] {
    return [`DROP TYPE ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  protected override addEnumValue(operation: AddEnumValue): string[] {
    if (operation.before !== undefined && operation.after !== undefined) {
      throw new AthanorError(`Enum value ${JSON.stringify(operation.value)} cannot be placed both before and after another value`, {
        hint: "give either before or after",
      });
    }
    const place =
      operation.before !== undefined
        ? ` BEFORE ${this.string(operation.before)}`
        : operation.after !== undefined
          ? ` AFTER ${this.string(operation.after)}`
          : "";
    return [
      `ALTER TYPE ${this.table(operation.name, operation.schema)} ADD VALUE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${this.string(operation.value)}${place}`,
    ];
  }

  /**
   * One DO block, so it runs the same online and as `--sql`: refuse while a
   * row holds the value (naming the column); rename the type aside; create it
   * again with the other values in their order; convert each column of the
   * type or an array of it, its default dropped and set again; drop the old type.
   */
  protected override dropEnumValue(operation: DropEnumValue): string[] {
    const type = this.table(operation.name, operation.schema);
    const aside = `${operation.name.slice(0, 40)}_athanor_old`;
    const value = this.string(operation.value);
    // the type's name inside a format() string: % doubled
    const t = type.replace(/%/g, "%%");
    const body = [
      "DECLARE",
      `  old_type oid := to_regtype(${this.string(type)});`,
      "  old_array oid;",
      "  target record;",
      "  remaining text;",
      "  in_use boolean;",
      "  tables regclass[] := '{}';",
      "  columns name[] := '{}';",
      "  scalars boolean[] := '{}';",
      "  defaults text[] := '{}';",
      "BEGIN",
      "  IF old_type IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = old_type AND enumlabel = " + value + ") THEN",
      `    RAISE EXCEPTION 'enum type % has no value %', ${this.string(type)}, ${this.string(JSON.stringify(operation.value))};`,
      "  END IF;",
      "  SELECT typarray INTO old_array FROM pg_catalog.pg_type WHERE oid = old_type;",
      "  FOR target IN",
      "    SELECT a.attrelid::regclass AS table_name, a.attname AS column_name, a.atttypid = old_type AS scalar, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_sql",
      "    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid",
      "    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum",
      "    WHERE a.atttypid IN (old_type, old_array) AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')",
      "  LOOP",
      "    IF target.scalar THEN",
      `      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I::text = %L)', target.table_name, target.column_name, ${value}) INTO in_use;`,
      "    ELSE",
      `      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %L = ANY (%I::text[]))', target.table_name, ${value}, target.column_name) INTO in_use;`,
      "    END IF;",
      "    IF in_use THEN",
      `      RAISE EXCEPTION 'cannot remove value % from enum type %: column %.% still holds it', ${this.string(JSON.stringify(operation.value))}, ${this.string(type)}, target.table_name, target.column_name`,
      "        USING HINT = 'update those rows to another value first, then run this again';",
      "    END IF;",
      "    tables := tables || target.table_name;",
      "    columns := columns || target.column_name;",
      "    scalars := scalars || target.scalar;",
      "    defaults := defaults || target.default_sql;",
      "  END LOOP;",
      "  SELECT string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder) INTO remaining",
      `    FROM pg_catalog.pg_enum WHERE enumtypid = old_type AND enumlabel <> ${value};`,
      `  ALTER TYPE ${type} RENAME TO ${this.id(aside)};`,
      `  EXECUTE format(${this.string(`CREATE TYPE ${t} AS ENUM (%s)`)}, coalesce(remaining, ''));`,
      "  FOR i IN 1 .. coalesce(array_length(tables, 1), 0) LOOP",
      "    IF defaults[i] IS NOT NULL THEN",
      "      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', tables[i], columns[i]);",
      "    END IF;",
      "    IF scalars[i] THEN",
      `      EXECUTE format(${this.string(`ALTER TABLE %s ALTER COLUMN %I TYPE ${t} USING %I::text::${t}`)}, tables[i], columns[i], columns[i]);`,
      "    ELSE",
      `      EXECUTE format(${this.string(`ALTER TABLE %s ALTER COLUMN %I TYPE ${t}[] USING %I::text[]::${t}[]`)}, tables[i], columns[i], columns[i]);`,
      "    END IF;",
      "    IF defaults[i] IS NOT NULL THEN",
      "      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', tables[i], columns[i], defaults[i]);",
      "    END IF;",
      "  END LOOP;",
      `  DROP TYPE ${this.table(aside, operation.schema)};`,
      "END",
    ].join("\n");
    return [`DO $athanor$\n${body}\n$athanor$`];
  }

  protected override renameEnumValue(operation: RenameEnumValue): string[] {
    return [`ALTER TYPE ${this.table(operation.name, operation.schema)} RENAME VALUE ${this.string(operation.from)} TO ${this.string(operation.to)}`];
  }

  /** An auto-increment column is declared with its serial type. */
  protected override columnType(column: Column): string {
    if (!column.autoincrement || column.identity || column.computed) return this.renderType(column.type);
    const serial = serialType(column.type);
    if (serial === undefined) {
      throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot auto-increment: its type is ${this.renderType(column.type)}`, {
        hint: "auto-increment applies to smallint, integer and bigint columns",
      });
    }
    return serial;
  }

  protected override generatedClause(column: Column, computed: NonNullable<Column["computed"]>): string {
    if (!computed.stored) {
      throw new AthanorError(`Column ${JSON.stringify(column.name)}: PostgreSQL generated columns are always stored`, {
        hint: "declare the generated column as stored",
      });
    }
    return super.generatedClause(column, computed);
  }

  /**
   * `TYPE <type> [COLLATE <c>] [USING <expression>]`: the conversion may read the
   * old values. A collation change is a TYPE clause with the column's type; a
   * type change restates the existing collation (PostgreSQL would reset it).
   */
  protected override alterColumnType(operation: AlterColumn, alter: string): string[] {
    const { changes, existing } = operation;
    if (changes.using !== undefined && changes.type === undefined) {
      throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: a USING expression needs a new type`, {
        hint: "pass type together with using",
      });
    }
    if (changes.type === undefined && changes.collation === undefined) return [];
    const type = changes.type ?? existing.type;
    if (type === undefined) {
      throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: PostgreSQL changes a collation with ALTER COLUMN ... TYPE and needs the column's type`, {
        hint: "pass existingType",
      });
    }
    const collation = changes.collation !== undefined ? changes.collation : existing.collation;
    const collate = collation === undefined || collation === null ? "" : ` COLLATE ${this.collation(collation)}`;
    const using = changes.using !== undefined ? ` USING ${changes.using}` : "";
    return [`${alter} TYPE ${this.renderType(type)}${collate}${using}`];
  }

  /**
   * Auto-increment as SERIAL does it: a sequence owned by the column, named
   * `<table>_<column>_seq`, feeding the default and started after the largest value.
   */
  protected override alterAutoincrement(operation: AlterColumn, on: boolean): string[] {
    const table = this.table(operation.table, operation.schema);
    const column = this.id(operation.name);
    const sequence = this.table(`${operation.table}_${operation.name}_seq`, operation.schema);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${column}`;
    if (!on) return [`${alter} DROP DEFAULT`, `DROP SEQUENCE IF EXISTS ${sequence}`];
    const type = operation.changes.type ?? operation.existing.type;
    const as = type && serialType(type) ? ` AS ${this.renderType(type)}` : "";
    return [
      `CREATE SEQUENCE ${sequence}${as} OWNED BY ${table}.${column}`,
      `SELECT setval(${this.string(sequence)}, COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`,
      `${alter} SET DEFAULT nextval(${this.string(sequence)}::regclass)`,
    ];
  }

  protected override indexModifiers(options: IndexOptions): string[] {
    return [...(options.concurrently ? ["CONCURRENTLY"] : []), ...super.indexModifiers(options)];
  }

  protected override indexMethod(index: Index): string {
    if (index.using === undefined) return "";
    // Access methods are plain names (btree, gin, gist, hash, brin, spgist or an extension's).
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(index.using)) {
      throw new AthanorError(`Index method ${JSON.stringify(index.using)} is not a valid access method name`);
    }
    return `USING ${index.using.toLowerCase()}`;
  }

  protected override indexExpression(expression: string): string {
    return indexExpression(expression);
  }

  protected override indexTail(index: Index): string {
    const include = index.include && index.include.length > 0 ? ` INCLUDE (${this.ids(index.include)})` : "";
    const nulls = this.nullsNotDistinct(index.nullsNotDistinct, `index ${JSON.stringify(index.name)}`);
    return `${include}${nulls}${this.storageParameters(index.with, `index ${JSON.stringify(index.name)}`)}${index.where !== undefined ? ` WHERE ${index.where}` : ""}`;
  }

  /** PostgreSQL 15's NULLS NOT DISTINCT. */
  protected override nullsNotDistinct(asked: boolean | undefined, _what?: string): string {
    return asked === true ? " NULLS NOT DISTINCT" : "";
  }

  /** ` WITH (fillfactor = 70, ...)`: names are plain words, values numbers, booleans or words (quoted otherwise). */
  storageParameters(parameters: Index["with"], what: string): string {
    if (parameters === undefined) return "";
    const entries = Object.entries(parameters);
    if (entries.length === 0) return "";
    const parts = entries.map(([name, value]) => {
      if (!/^[A-Za-z_][\w.]*$/.test(name)) throw new AthanorError(`The ${what}: ${JSON.stringify(name)} is not a storage parameter name`);
      const text =
        typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : /^[A-Za-z_][\w]*$|^[+-]?\d+(?:\.\d+)?$/.test(value)
            ? value
            : this.string(value);
      return `${name.toLowerCase()} = ${text}`;
    });
    return ` WITH (${parts.join(", ")})`;
  }

  /** An access method name, as written (a plain word). */
  protected accessMethod(method: string, what: string): string {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)) throw new AthanorError(`The ${what}: ${JSON.stringify(method)} is not a valid access method name`);
    return method.toLowerCase();
  }

  /** `EXCLUDE USING <method> (<element> WITH <operator>, ...) [WHERE (...)] [DEFERRABLE ...]`. */
  protected override excludeSpec(exclude: ExcludeConstraint & { readonly type: "exclude" }): string {
    const what = `exclusion constraint ${JSON.stringify(exclude.name ?? "")}`;
    if (exclude.elements.length === 0) throw new AthanorError(`The ${what} has no elements`, { hint: 'give [expression, operator] pairs, e.g. [["room_id", "="], ["during", "&&"]]' });
    const method = exclude.using ?? "gist";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)) throw new AthanorError(`The ${what}: ${JSON.stringify(method)} is not a valid access method name`);
    const elements = exclude.elements.map(({ expression, operator, opclass }) => {
      if (!/^(?:[+\-*/<>=~!@#%^&|`?]+|OPERATOR\s*\([\s\S]+\))$/i.test(operator.trim())) {
        throw new AthanorError(`The ${what}: ${JSON.stringify(operator)} is not an operator`, { hint: "write the operator as SQL writes it: =, &&, <>, ..." });
      }
      if (opclass !== undefined && !QUALIFIED_NAME.test(opclass.trim())) {
        throw new AthanorError(`The ${what}: ${JSON.stringify(opclass)} is not an operator class name`, { hint: "write it as PostgreSQL names it: gist_int4_ops, or schema.name" });
      }
      const element = /^[A-Za-z_][\w$]*$/.test(expression) ? this.id(expression) : indexExpression(expression);
      if (opclass === undefined) return `${element} WITH ${operator.trim()}`;
      // The operator class goes between the expression and its sort order.
      const [, body = element, order = ""] = ORDERING.exec(element) ?? [];
      return `${body.trim()} ${opclass.trim()}${order} WITH ${operator.trim()}`;
    });
    const where = exclude.where !== undefined ? ` WHERE (${exclude.where})` : "";
    const deferrable = this.deferrableClause(exclude);
    return `EXCLUDE USING ${method.toLowerCase()} (${elements.join(", ")})${where}${deferrable ? ` ${deferrable}` : ""}`;
  }

  /** Arrays and JSON documents get the spelling their column type reads. */
  protected override insertValue(value: unknown, type: ColumnType | undefined): string {
    if (value === null) return "NULL";
    if (type?.kind === "array" && Array.isArray(value)) {
      const items = value.map((item) => this.insertValue(item, type.of));
      return `ARRAY[${items.join(", ")}]::${this.renderType(type)}`;
    }
    if (isJsonDocument(value, type)) {
      const text = this.literal(JSON.stringify(value));
      return type?.kind === "json" || type?.kind === "jsonb" ? `${text}::${type.kind}` : text;
    }
    return this.literal(value);
  }

  /** The table, then its row-level security flags and its policies. */
  protected override createTable(operation: CreateTable): string[] {
    const table = operation.table;
    const name = this.table(table.name, table.schema);
    const policies = (table.policies ?? []).map((policy) => {
      const create = security.createPolicyStatement(policy, table.name, table.schema, this.#security);
      return operation.ifNotExists ? this.#ignoreDuplicate(create) : create;
    });
    const { rowLevelSecurity, policies: _policies, ...plain } = table;
    return [...super.createTable({ ...operation, table: plain }), ...security.createdTableSecurity(name, rowLevelSecurity), ...policies];
  }

  protected override rowLevelSecurity(operation: SetRowLevelSecurity): string[] {
    return security.setRowLevelSecurity(operation, this.#security);
  }

  protected override createPolicy(operation: CreatePolicy): string[] {
    return [security.createPolicyStatement(operation.policy, operation.table, operation.schema, this.#security)];
  }

  protected override dropPolicy(operation: DropPolicy): string[] {
    return [security.dropPolicyStatement(operation.name, operation.table, operation.schema, operation.ifExists, this.#security)];
  }

  protected override createSequence(operation: CreateSequence): string[] {
    return security.createSequence(operation, this.#security);
  }

  protected override dropSequence(operation: DropSequence): string[] {
    return security.dropSequence(operation, this.#security);
  }

  protected override alterSequence(operation: AlterSequence): string[] {
    return security.alterSequence(operation, this.#security);
  }

  protected override checkIdentityChange(): void {}

  /** An identity change (`changes.identity`) goes before a rename, which stays last. */
  protected override alterColumn(operation: AlterColumnOperation): string[] {
    const identity = operation.changes.identity;
    if (identity === undefined) return super.alterColumn(operation);
    const { newName, identity: _identity, ...rest } = operation.changes;
    const statements = Object.keys(rest).length > 0 ? super.alterColumn({ ...operation, changes: rest }) : [];
    const alter = `ALTER TABLE ${this.table(operation.table, operation.schema)} ALTER COLUMN ${this.id(operation.name)}`;
    const type = operation.changes.type ?? operation.existing.type;
    for (const clause of security.identityChange(type?.kind, operation.existing.identity, identity, this.#security)) statements.push(`${alter} ${clause}`);
    if (newName !== undefined) statements.push(...super.alterColumn({ ...operation, changes: { newName } }));
    return statements;
  }

  get #security(): security.SecuritySql {
    return {
      table: (name, schema) => this.table(name, schema),
      id: (name) => this.id(name),
      sequenceOptions: (options, what) => this.sequenceOptions(options, what),
    };
  }

  /** Runs a CREATE that has no IF NOT EXISTS form, ignoring "already exists". */
  #ignoreDuplicate(statement: string): string {
    let tag = "$athanor$";
    for (let n = 1; statement.includes(tag); n += 1) tag = `$athanor${n}$`;
    return `DO ${tag} BEGIN ${statement}; EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`;
  }

  /**
   * Views take `WITH (security_barrier, security_invoker)`; a materialized view
   * takes `USING <access method>`, storage parameters and a tablespace, and may be created `WITH NO DATA`.
   */
  protected override viewStatement(view: View, orReplace: boolean): string {
    const name = this.table(view.name, view.schema);
    if (view.materialized) {
      this.refuseViewOptions(view, []);
      const what = `materialized view ${JSON.stringify(view.name)}`;
      const using = view.using === undefined ? "" : ` USING ${this.accessMethod(view.using, what)}`;
      const tablespace = view.tablespace === undefined ? "" : ` TABLESPACE ${this.id(view.tablespace)}`;
      return `CREATE MATERIALIZED VIEW ${name}${using}${this.storageParameters(view.with, what)}${tablespace} AS ${this.viewQuery(view)}${view.withNoData ? " WITH NO DATA" : ""}`;
    }
    const stored = (["tablespace", "using", "with"] as const).filter((option) => view[option] !== undefined);
    if (stored.length > 0) {
      throw new AthanorError(`View ${JSON.stringify(view.name)}: ${stored.join(", ")} belong to materialized views`, { hint: "make it a materialized view, or leave them out" });
    }
    this.refuseViewOptions(view, ["checkOption", "securityInvoker", "securityBarrier"]);
    const options = [view.securityBarrier ? "security_barrier = true" : "", view.securityInvoker ? "security_invoker = true" : ""].filter(Boolean);
    const withOptions = options.length > 0 ? ` WITH (${options.join(", ")})` : "";
    return `CREATE ${orReplace ? "OR REPLACE " : ""}VIEW ${name}${withOptions} AS ${this.viewQuery(view)}${this.checkOptionClause(view)}`;
  }

  protected override dropView(operation: DropView): string[] {
    const what = operation.materialized ? "MATERIALIZED VIEW" : "VIEW";
    return [`DROP ${what} ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  protected override refreshMaterializedView(operation: RefreshMaterializedView): string[] {
    return [`REFRESH MATERIALIZED VIEW ${operation.concurrently ? "CONCURRENTLY " : ""}${this.table(operation.name, operation.schema)}`];
  }
}
