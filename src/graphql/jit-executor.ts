import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { BREAK, execute, getNamedType, visit, GraphQLError, Kind, isAbstractType, isEnumType, isLeafType, isObjectType, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from './context';
import { holdsPlainValues } from './relay/connection';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<RequestContext>['gateway']>;
type Executor = Awaited<ReturnType<Gateway['load']>>['executor'];

/** Whether any field of the document is `__schema` or `__type` (decided once per document, then cached). */
function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Runs queries compiled by graphql-jit (once per parsed document and operation name; Apollo keeps
 * parsed documents) instead of graphql-js's per-field interpretation. Mutations, introspection,
 * documents graphql-jit cannot compile and requests whose variables it refuses run on graphql-js,
 * so their results and errors are graphql-js's own. Apollo has no executor option for a plain
 * schema, so this is supplied as a "gateway" that serves one fixed schema.
 */
export function jitGateway(schema: GraphQLSchema): Gateway {
  answerTypenameSynchronously(schema);
  readPropertiesDirectly(schema);
  const disableLeafSerialization = enumsAnswerTheirNames(schema);
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (query === undefined) {
      // graphql-jit notes @skip/@include on the document's own nodes, by response path; with two
      // operations, one's notes would reach the other, so such documents run on graphql-js.
      // Introspection answers from graphql-js: it is rare, and its resolvers expect graphql-js's execution.
      if (document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length > 1 || usesIntrospection(document)) {
        byName.set(key, null);
        return null;
      }
      // Path-based: a fragment skipped in one place is not skipped everywhere it is spread.
      // Leaf serialization off (see enumsAnswerTheirNames): built-in scalars and enums go out as the
      // resolvers return them, which saves a call and two arrays per leaf and row; custom scalars still
      // serialise. test/graphql/property.int.spec.ts holds the answers equal to graphql-js's.
      const result = compileQuery(schema, document, operationName, { useExperimentalPathBasedSkipInclude: true, disableLeafSerialization });
      query = isCompiledQuery(result) ? result : null;
      byName.set(key, query);
    }
    return query;
  };

  const executor: Executor = async (rc) => {
    const { document, request, context } = rc;
    const graphqlJs = () =>
      execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName }) as Promise<ExecutionResult>;
    if (rc.operation?.operation !== 'query') return graphqlJs();
    const query = compiledFor(document, request.operationName ?? undefined);
    if (!query) return graphqlJs();
    const result = (await query.query(undefined, context, request.variables ?? {})) as ExecutionResult;
    // Variables graphql-jit refused: graphql-js says what is wrong, in its words (no resolver has run).
    if (result.data === undefined && result.errors) return graphqlJs();
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };

  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * Whether graphql-jit may write enum values and built-in scalars (Int, Float, String, Boolean, ID)
 * without serialising them: every enum's internal value must be its name (TypeScript string enums
 * named as their values), as it is across the registry; otherwise serialization stays on. The
 * built-in scalars' values come from typed columns (int8 parsed to number: src/db/data-source.ts)
 * and typed resolvers.
 */
function enumsAnswerTheirNames(schema: GraphQLSchema): boolean {
  return Object.values(schema.getTypeMap()).every((type) => !isEnumType(type) || type.getValues().every((value) => value.value === value.name));
}

/**
 * type-graphql wraps every resolveType in an async function, which graphql-jit cannot await. Every
 * registry row names its type (`__typename`, src/graphql/relay/node.interface.ts), and that is all
 * the interfaces' and unions' resolveType read, so it is answered at once; anything else still goes
 * to the original.
 */
const typenameAnswered = new WeakSet<GraphQLSchema>();
function answerTypenameSynchronously(schema: GraphQLSchema): void {
  // The schema is built once per process and shared by every app (the tests make many).
  if (typenameAnswered.has(schema)) return;
  typenameAnswered.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || !type.resolveType) continue;
    const original = type.resolveType;
    type.resolveType = (value, context, info, abstractType) => {
      const typename = (value as { __typename?: unknown } | null)?.__typename;
      return typeof typename === 'string' ? typename : original(value, context, info, abstractType);
    };
  }
}

/**
 * type-graphql gives every plain property field a resolver that runs its middlewares and reads the
 * property; the registry has no middlewares or auth checker, so those resolvers only read the
 * property, which graphql-jit does inline when a field has no resolver (graphql-js's default reads it
 * too). Only fields that hold plain values, never promises, which graphql-jit would not await in a
 * property: a record's (Node's) scalar columns (its relations may be promises), and every field of a
 * connection, its edges and PageInfo once the schema's connections are settled (holdsPlainValues in
 * src/graphql/relay/connection.ts). A field whose schema name is not its
 * property name keeps its resolver. The resolver is recognised by its source text: should a type-graphql
 * upgrade change it, fields merely keep their resolvers (slower, not wrong), and
 * test/graphql/library-assumptions.int.spec.ts says so.
 */
const propertiesRead = new WeakSet<GraphQLSchema>();
function readPropertiesDirectly(schema: GraphQLSchema): void {
  if (propertiesRead.has(schema)) return;
  propertiesRead.add(schema);
  const storage = getMetadataStorage();
  const renamed = new Set(storage.fields.filter((f) => f.schemaName !== f.name || (f.middlewares?.length ?? 0) > 0 || f.roles).map((f) => f.schemaName));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const plain = holdsPlainValues(schema, type);
    if (!plain && !type.getInterfaces().some((i) => i.name === 'Node')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!plain && !isLeafType(getNamedType(field.type))) continue;
      const source = field.resolve?.toString() ?? '';
      if (source.includes('applyMiddlewares') && source.includes('root[fieldMetadata.name]') && !renamed.has(field.name)) field.resolve = undefined;
    }
  }
}

/**
 * graphql-jit's errors have no `extensions` object, which Apollo's error formatting reads (it would
 * answer "Internal server error" before formatError sees the error); rebuilt as graphql-js's
 * locatedError would: an error already placed in the response as it is, others with the path,
 * locations and original error (whose extensions, such as a code, it carries).
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const original = error.originalError;
  if (original instanceof GraphQLError && original.path) return original;
  const located = new GraphQLError(error.message, { path: error.path, originalError: original ?? undefined });
  (located as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return located;
}
