/**
 * Where the registry leans on another library's internals, this pins the assumption, and a failure
 * names the library, what changed and the code that relies on it. (Express's router in GraphiQL's
 * mount: test/server/graphiql.int.spec.ts; pg's `processID`: test/server/request-bounds.int.spec.ts.)
 */
import 'reflect-metadata';
import { getNamedType, isLeafType, isObjectType, Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import { Pool } from 'pg';
import { poolOf } from '../../src/db/data-source';
import { jitGateway } from '../../src/graphql/jit-executor';
import { buildRegistrySchema } from '../../src/modules/schema';
import { registryTypes } from '../../src/modules';
import { REVIVED_TIMESTAMPS } from '../../src/registry/fold';
import { selectSql } from '../../src/registry/table';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Fails with a message that says which assumption of which library broke, and who relies on it. */
function assume(holds: boolean, library: string, assumption: string, reliedOnBy: string): void {
  if (!holds) throw new Error(`${library} changed: ${assumption} no longer holds; ${reliedOnBy} relies on it.`);
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('graphql-js internal modules (src/registry/fold-planner.ts plans folds with them)', () => {
  const schema = buildRegistrySchema();
  const document = parse(`
    query ($skip: Boolean!) { innovationStudios(first: 3, orderBy: NAME_ASC) { nodes { id ...F name @skip(if: $skip) } } }
    fragment F on InnovationStudio { name kind }`);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const list = operation.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));

  it('collectSubfields (graphql/execution/collectFields) merges fields, follows fragments and honours @skip as execution does', () => {
    const connection = schema.getQueryType()!.getFields().innovationStudios;
    const connectionType = getNamedType(connection.type);
    assume(typeof collectSubfields === 'function' && isObjectType(connectionType), 'graphql-js', 'graphql/execution/collectFields exports collectSubfields', 'src/registry/fold-planner.ts');
    if (!isObjectType(connectionType)) return;
    const nodes = collectSubfields(schema, fragments, { skip: true }, connectionType, [list]).get('nodes');
    const studio = schema.getType('InnovationStudio');
    if (!nodes || !isObjectType(studio)) throw new Error('graphql-js changed: collectSubfields no longer answers a Map of response names to field nodes; src/registry/fold-planner.ts relies on it.');
    const fields = collectSubfields(schema, fragments, { skip: true }, studio, nodes);
    assume(fields instanceof Map, 'graphql-js', 'collectSubfields answers a Map', 'src/registry/fold-planner.ts');
    expect([...fields.keys()]).toEqual(['id', 'name', 'kind']);
    // `name` came from the fragment alone: the skipped one is not among its nodes.
    expect(fields.get('name')).toHaveLength(1);
    expect(collectSubfields(schema, fragments, { skip: false }, studio, nodes).get('name')).toHaveLength(2);
  });

  it('getArgumentValues (graphql/execution/values) coerces a field node\'s arguments, variables and defaults', () => {
    const field = schema.getQueryType()!.getFields().innovationStudios;
    assume(typeof getArgumentValues === 'function', 'graphql-js', 'graphql/execution/values exports getArgumentValues', 'src/registry/fold-planner.ts');
    expect(getArgumentValues(field, list, {})).toEqual({ first: 3, orderBy: 'NAME_ASC' });
  });
});

it("type-graphql's property resolvers are recognised and dropped for graphql-jit (src/graphql/jit-executor.ts)", () => {
  const schema = buildRegistrySchema();
  jitGateway(schema);
  // Every registry type's plain scalar columns (not its field resolvers, such as a craftsman's phone).
  const kept: string[] = [];
  for (const typename of ['InnovationStudio', 'Enterprise', 'Craftsman', 'Goal']) {
    const type = schema.getType(typename);
    if (!isObjectType(type)) throw new Error(`${typename} is not an object type`);
    for (const name of ['id', 'name', 'version', 'isSample', 'target'] as const) {
      const field = type.getFields()[name];
      if (field && isLeafType(getNamedType(field.type)) && field.resolve) kept.push(`${typename}.${name}`);
    }
  }
  // And every part of a connection, its edges and PageInfo: settled before they are read (settleConnections in src/graphql/relay/connection.ts).
  const parts: Array<[string, string[]]> = [['EnterpriseConnection', ['totalCount', 'edges', 'nodes', 'pageInfo']], ['EnterpriseEdge', ['cursor', 'node']], ['PageInfo', ['hasNextPage', 'endCursor']]];
  for (const [typename, names] of parts) {
    const type = schema.getType(typename);
    if (!isObjectType(type)) throw new Error(`${typename} is not an object type`);
    for (const name of names) if (type.getFields()[name].resolve) kept.push(`${typename}.${name}`);
  }
  assume(kept.length === 0, 'type-graphql', `its property field resolver reads root[fieldMetadata.name] through applyMiddlewares (still resolved: ${kept.join(', ')})`, 'readPropertiesDirectly in src/graphql/jit-executor.ts');
});

it("type-graphql reads a registered enum's values when the schema is built, not when it is registered (src/registry/goal-metrics.ts)", async () => {
  const { buildSchema, Field, ObjectType, Query, Resolver, registerEnumType } = await import('type-graphql');
  const filledLater: Record<string, string> = {};
  const valuesConfig: Record<string, { description: string }> = {};
  registerEnumType(filledLater, { name: 'FilledLater', valuesConfig });
  @ObjectType()
  class Holder {
    @Field(() => filledLater)
    value: string;
  }
  @Resolver()
  class HolderResolver {
    @Query(() => Holder)
    holder(): Holder {
      return { value: 'A' };
    }
  }
  filledLater.A = 'A';
  valuesConfig.A = { description: 'Added after registration.' };
  const schema = await buildSchema({ resolvers: [HolderResolver], validate: false });
  const values = (schema.getType('FilledLater') as import('graphql').GraphQLEnumType | undefined)?.getValues().map((v) => [v.name, v.description]);
  assume(JSON.stringify(values) === JSON.stringify([['A', 'Added after registration.']]), 'type-graphql', "an enum's values are read when the schema is built", 'GoalMetric, filled once every module is found,');
  // and the registry's own: every declared metric is in the built schema's GoalMetric.
  const goalMetric = buildRegistrySchema().getType('GoalMetric') as import('graphql').GraphQLEnumType;
  expect(goalMetric.getValues().map((v) => v.name).sort()).toEqual(registryTypes().flatMap((t) => Object.keys(t.goalMetrics ?? {})).sort());
});

it("TypeORM's postgres driver keeps its pg Pool as `driver.master` (src/db/data-source.ts poolOf)", () => {
  assume(poolOf(app.dataSource) instanceof Pool, 'TypeORM', 'PostgresDriver.master is the pg Pool', 'poolOf in src/db/data-source.ts (health checks, seeds)');
});

it('every timestamp column a registry type selects is revived from JSON in folded rows (src/registry/fold.ts)', async () => {
  const pool = poolOf(app.dataSource);
  const TIMESTAMP_TYPES = new Set([1114, 1184]); // timestamp, timestamptz
  const missing: string[] = [];
  for (const type of registryTypes()) {
    const result = await pool.query(`SELECT ${selectSql(type.table)} FROM ${type.table.from} LIMIT 0`);
    for (const field of result.fields) if (TIMESTAMP_TYPES.has(field.dataTypeID) && !REVIVED_TIMESTAMPS.includes(field.name)) missing.push(`${type.typename}.${field.name}`);
  }
  expect(missing).toEqual([]);
  expect(REVIVED_TIMESTAMPS).toContain('createdAt');
});
