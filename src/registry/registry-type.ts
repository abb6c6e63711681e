import type { RequestContext } from '../graphql/context';
import type { TableSpec } from './table';
import type { StatsTally } from './stats-tally';
import type { EventDate } from './time-series';
import type { RecordSpec } from './writes/record-spec';

/**
 * One registry type, declared once by its module (`src/modules/<type>/<type>.module.ts`); the node
 * lookup, the CSV import, the export, the dependents that move with an enterprise and the test
 * matrices are built from the list of these (src/modules/index.ts), so that a type cannot be
 * registered in one place and forgotten in another. checkRegistryTypes (src/registry/registry-check.ts)
 * refuses at start-up a type that lacks what every type must have.
 */
export interface RegistryType {
  /** The GraphQL object type, also the global ID prefix and the audit log's record type. */
  typename: string;
  /** What a reader calls one and several of them, in English and in Chinese: messages and documentation. */
  noun: { one: string; many: string; zh: string };
  /** How its rows are read, listed, counted, grouped and folded. */
  table: TableSpec<any, any>;
  /** `node(id:)`: the key the global ID carries and the shape it must have (anything else names no record). */
  node: { key: 'id' | 'code'; pattern: RegExp };
  /** How it is written (create, update, archive, restore, bulk upsert); absent for read-only types. */
  record?: RecordSpec;
  /** `POST /import/<slug>`: the bulk upsert mutation whose record input gives the columns. */
  import?: { slug: string; mutation: string };
  /** `GET /export/<slug>.csv|.ndjson`. */
  export?: ExportDeclaration;
  /** Where its statistics are kept counted (src/registry/stats-tally.ts); none where they measure more than the count. */
  statsTally?: StatsTally;
  /** What goals can count of it (GoalMetric values), by metric name (src/registry/goal-metrics.ts). */
  goalMetrics?: Record<string, GoalMetricDeclaration>;
}

/**
 * A goal metric: what a goal counts in its scope. Records of `table` (archived ones never) that meet
 * `condition`, counted, or, with `summed`, their known values summed; dated by `dated` for the trend;
 * `publishedAs` names the ReportedFigure metric that reports the same thing, for the goal's evidence.
 */
export interface GoalMetricDeclaration {
  /** Its short name, as the dashboard shows it: 创新工作室 · Innovation studios. */
  label: { zh: string; en: string };
  /** The GoalMetric value's description (English, with the Chinese term). */
  description: string;
  table: string;
  dated: EventDate;
  /** SQL over the table aliased `t`: which records count. */
  condition?: string;
  /** SQL over `t`: the value summed, where the metric is a sum (workers covered) and not a count. */
  summed?: string;
  publishedAs?: string;
}

/** A row as the module's TableSpec maps it (global `id`, `rowId`, the selected columns), plus what the export adds. */
export type ExportRow = Record<string, unknown>;

/**
 * How a type is exported. The rows are the type's own TableSpec (the same SQL as its GraphQL list
 * field); the columns are read from the schema (src/modules/export/export-columns.ts). Whether rows
 * carry place and enterprise columns follows from the table's select list.
 */
export interface ExportDeclaration {
  /** The URL segment, kebab-case plural. */
  slug: string;
  /** Other segments that name the same export (the CSV import's name for contracts). */
  aliases?: readonly string[];
  /** The Query list field whose `filter` argument the query parameters fill. */
  listField: string;
  /** The Query statistics field behind `/export/stats/<slug>`. */
  statsField?: string;
  /** Nested GraphQL objects flattened into the row, by their path from the row: their scalar fields become columns. */
  nested?: ReadonlyArray<{ path: readonly string[]; typeName: string }>;
  /** Computes `nested` (or masked columns) for a batch of rows: one call per batch, never a query per row. */
  enrich?: (ctx: RequestContext, rows: ExportRow[]) => Promise<void>;
}

/** What a module folder contributes: its GraphQL resolvers and the registry types it declares. */
export interface RegistryModule {
  /** type-graphql resolver classes, built into the schema. */
  resolvers: Function[];
  types?: RegistryType[];
}

/** Declares a module; the identity function, typed, so that a module file reads as one declaration. */
export const defineModule = (module: RegistryModule): RegistryModule => module;
