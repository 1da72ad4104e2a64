/**
 * athanor — database schema migrations for TypeScript.
 *
 * @example
 * ```ts
 * import { command, Config } from "athanor";
 * const config = await Config.load();
 * await command.upgrade(config, "head");
 * ```
 */
export { AthanorError } from "./util/errors.js";
export type { RevisionSource, MigrationStep, VersionChange } from "./graph/types.js";
export { RevisionMap, Revision, RevisionGraphError } from "./graph/index.js";
export type { RevisionGraphErrorCode, IterateOptions, PlanOptions } from "./graph/index.js";
export type { Dialect, Connection, QueryResult, AtomicStatement, DatabaseUrl, ReflectOptions, RunGuard, DialectCompareRules, DatabaseNotice, AcquireLockOptions, DialectDefinition, DriverAdapter, BatchSupport } from "./dialects/contract/index.js";
export { connect, getDialect, dialectNames, registerDialect, DatabaseError, noRunGuard } from "./dialects/index.js";
export { BatchStatementError, OutcomeUnknownError, RowCountMismatch } from "./dialects/contract/index.js";
export type { ConnectOptions } from "./dialects/index.js";
export { parseUrl, maskUrl } from "./dialects/url.js";
export { Config, defineConfig } from "./config/index.js";
export type { ConfigAttributes } from "./config/config.js";
export type { AthanorConfigInput, AthanorConfigSection, DatabaseConfigInput, DatabaseConfig, PostWriteHook, PostWriteHookCommand, PostWriteHookFunction, ConfigLoadOptions, ConfigFromOptions } from "./config/index.js";
export { ScriptDirectory } from "./script/index.js";
export type { Script, RevisionModule, GenerateRevisionOptions } from "./script/index.js";
export { defineEnvironment, InterruptedError, MigrationError, StatementError } from "./runtime/index.js";
export type { EnvironmentDefinition, EnvironmentContext, RunMigrationsOptions, DatabaseEntry, MigrationInfo, StepResult, MigrationResult, MigrationCommandOptions, RunOutput } from "./runtime/index.js";
export { Operations, SqlStatement, RawSql } from "./operations/index.js";
export type { SqlInput } from "./operations/index.js";
export { reverseOperation, reverseOperations, BatchOperations } from "./operations/index.js";
export type { Operation, AnyOperation, ExecuteSql, CustomOperation, AlterColumnOptions, CreateIndexOptions, CreateForeignKeyOptions, CreateTableOptions, BatchAlterTableOptions, ColumnPosition } from "./operations/index.js";
export type { SchemaOperation, CreateTable, DropTable, RenameTable, AddColumn, DropColumn, AlterColumn, CreateIndex, DropIndex, AddConstraint, DropConstraint, TableComment, CreateEnum, DropEnum, AddEnumValue, RenameEnumValue, BulkInsert, DdlCompiler, Constraint, ColumnChanges, ExistingColumn } from "./dialects/contract/index.js";
export { registerOperation } from "./operations/custom/index.js";
export type { RegisteredOperation, CustomOperationDefinition, CustomSql, CustomSqlContext, CustomSqlDefinition, CustomRenderContext } from "./operations/custom/index.js";
export { registerComparator } from "./autogenerate/comparators/index.js";
export type { ComparatorContext, TableComparatorContext, ComparatorOperation, ComparatorResult, SchemaComparator, TableComparator, EnvironmentComparators } from "./autogenerate/comparators/index.js";
export { type, column, ColumnBuilder, ColumnRef, SqlExpression, expr, FinalName, f, conventionalName, MetaData, DeclaredTable, index, uniqueIndex, unique, check, foreignKey, primaryKey, exclude } from "./schema/index.js";
export type { TargetMetadata, DeclaredSchema } from "./schema/target-metadata.js";
export type { NotModelledKind, NotModelledObject } from "./schema/index.js";
export type { CreateView, ReplaceView, DropView, RefreshMaterializedView, ViewSupport, CanonicalView } from "./dialects/contract/index.js";
export type { SetRowLevelSecurity, CreatePolicy, DropPolicy, CreateSequence, DropSequence, AlterSequence, SequenceChanges } from "./dialects/contract/index.js";
export type { View, ViewDeclarationOptions, MaterializedViewDeclarationOptions } from "./schema/index.js";
export type { Policy, PolicyCommand, RowLevelSecurity, Sequence, SequenceOptions, SequenceValue, PolicyInput } from "./schema/index.js";
export type { SchemaModel, Table, Column, ColumnType, ServerDefault, Identity, PrimaryKey, ForeignKey, ForeignKeyAction, UniqueConstraint, CheckConstraint, ExcludeConstraint, Index, IndexElement, TableOptions, DialectOptions, EnumType, ColumnOptions, ColumnConfig, ReferenceTarget, ForeignKeyOptions, NamingConvention, ConstraintName, MetaDataOptions, TableDeclarationOptions, TableElement } from "./schema/index.js";
export * as command from "./command/index.js";
export type { FleetTarget, FleetSource, FleetSelector, FleetOptions, FleetMigrationOptions, FleetResult, FleetSummary, FleetProgress, TargetResult, TargetStatus, TargetError, FleetCurrentResult, FleetHeadGroup, FleetCheckResult, FleetCheckTarget } from "./fleet/index.js";
export type { RevisionInfo, BranchPointInfo, HeadsOptions, HistoryOptions, ShowOptions, GraphCommandOptions, CurrentHeadsReader } from "./command/index.js";
export { compareMetadata, produceMigrations } from "./command/autogenerate-project.js";
export type { CompareMetadataOptions, ProducedMigrations } from "./command/autogenerate-project.js";
export { renderOperations, describeDiff } from "./autogenerate/index.js";
export type { AutogenerateHooks, RevisionDirective, RenderOptions, RenderItem, RenderItemContext, RenderItemKind, RenderedOperations, SchemaDiff, CompareWarning, RenameCandidate, RenameHints } from "./autogenerate/index.js";
