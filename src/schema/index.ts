/**
 * The schema layer: the neutral model, the DSL that declares it, and naming
 * conventions. Pure: nothing here reaches a database.
 */
export type * from "./model.js";
export type { NotModelledKind, NotModelledObject } from "./not-modelled.js";
export { describeNotModelled } from "./not-modelled.js";
export * as type from "./types.js";
export type { ColumnTypeOf, EnumColumnType, TemporalOptions } from "./types.js";
export { isColumnType, isIntegerType } from "./type-guards.js";
export { ColumnBuilder, column, checkForeignKeyOptions } from "./column.js";
export type { ColumnConfig, ColumnOptions, ColumnFactory, ColumnReference, ForeignKeyOptions, ReferenceTarget, DefaultValue } from "./column.js";
export { ColumnRef } from "./column-ref.js";
export type { TableIdentity } from "./column-ref.js";
export { SqlExpression, expr, sqlText, columnInExpression } from "./expression.js";
export { FinalName, f, conventionalName, validateNamingConvention, DEFAULT_NAMING_CONVENTION, DEFAULT_MAX_IDENTIFIER_LENGTH } from "./naming.js";
export type { ConstraintName, ConventionKind, NamingConvention, NamingSubject } from "./naming.js";
export { index, uniqueIndex, unique, check, foreignKey, primaryKey, exclude, IndexBuilder, UniqueBuilder, ExcludeBuilder, isTableElement } from "./constraints.js";
export type { ColumnInput, IndexInput, ExcludeElementInput, IndexSpec, UniqueSpec, CheckSpec, ForeignKeySpec, PrimaryKeySpec, TableElement } from "./constraints.js";
export { DeclaredTable, buildTable, buildColumn } from "./table.js";
export type { TableDeclarationOptions, TableBuildContext, ColumnBuilders, ColumnRefs, BuildTableOptions, ColumnParts } from "./table.js";
export { MetaData, sortByDependency } from "./metadata.js";
export type { PolicyInput } from "./security.js";
export type { MetaDataOptions } from "./metadata.js";
export { buildView, namesInQuery, sortViews } from "./view.js";
export type { ViewDeclarationOptions, MaterializedViewDeclarationOptions } from "./view.js";
