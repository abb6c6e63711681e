import { getNamedType, getNullableType, isListType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { RegistryType } from './registry-type';
import { foldedFields } from './fold-planner';

/** Nodes that are not registry records: node(id:) answers them itself (src/modules/node/node.resolver.ts). */
export const NODES_OUTSIDE_THE_REGISTRY: ReadonlySet<string> = new Set(['AuditEntry']);

/**
 * What every registry type must have, asked of the declarations against the built schema once at
 * start-up: an omission that would otherwise fail silently (node(id:) answering null, an import
 * with no mutation, a relation that costs a statement per parent) stops the server with a message
 * that names the type and what it lacks. Returns the problems; `checkRegistryTypes` throws on any.
 */
export function registryTypeProblems(schema: GraphQLSchema, types: readonly RegistryType[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, RegistryType>();
  const query = schema.getQueryType()?.getFields() ?? {};
  const mutation = schema.getMutationType()?.getFields() ?? {};
  const slugs = new Set<string>();
  const slug = (owner: string, value: string) => {
    if (slugs.has(`${owner}:${value}`)) problems.push(`${owner} slug '${value}' is declared by two types`);
    slugs.add(`${owner}:${value}`);
  };
  for (const type of types) {
    const where = `registry type ${type.typename}`;
    if (byName.has(type.typename)) problems.push(`${where} is declared twice`);
    byName.set(type.typename, type);
    const object = schema.getType(type.typename);
    if (!isObjectType(object)) {
      problems.push(`${where}: no object type of that name in the schema (is its resolver in the module's resolvers?)`);
      continue;
    }
    if (!object.getInterfaces().some((i) => i.name === 'Node')) problems.push(`${where}: the GraphQL type does not implement Node`);
    if (!/^[a-z_]+ t$/.test(type.table.from)) problems.push(`${where}: table.from must be '<table> t', not '${type.table.from}'`);
    if (type.record) {
      const r = type.record;
      if (r.typename !== type.typename) problems.push(`${where}: its record spec is for ${r.typename}`);
      if (r.read !== type.table) problems.push(`${where}: its record spec reads another table spec`);
      if (type.table.from !== `${r.table} t`) problems.push(`${where}: its record spec writes ${r.table}, its table spec reads ${type.table.from}`);
      const payload = Object.values(mutation).find((f) => getNamedType(f.type).name === `${type.typename}Payload`);
      if (!payload) problems.push(`${where}: writable, but no mutation returns ${type.typename}Payload`);
    }
    if (type.import) {
      slug('import', type.import.slug);
      if (!type.record) problems.push(`${where}: imported, but has no record spec to write with`);
      if (!mutation[type.import.mutation]) problems.push(`${where}: import mutation ${type.import.mutation} is not in the schema`);
    }
    if (type.export) {
      for (const s of [type.export.slug, ...(type.export.aliases ?? [])]) slug('export', s);
      if (!query[type.export.listField]) problems.push(`${where}: export list field ${type.export.listField} is not a Query field`);
      if (type.export.statsField && !query[type.export.statsField]) problems.push(`${where}: export stats field ${type.export.statsField} is not a Query field`);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (type.getInterfaces().some((i) => i.name === 'Node') && !byName.has(type.name) && !NODES_OUTSIDE_THE_REGISTRY.has(type.name)) {
      problems.push(`${type.name} implements Node but no module declares it as a registry type: node(id:) would answer null for its IDs`);
    }
    if (byName.has(type.name)) problems.push(...unfoldedRelations(type, byName));
  }
  return problems;
}

/**
 * Relations of a registry type to another registry type (one row or a connection of them) that do
 * not fold. (A plain list, a place's goals, is batched by its loader: never a statement per parent.)
 */
function unfoldedRelations(type: GraphQLObjectType, registry: ReadonlyMap<string, RegistryType>): string[] {
  const folded = foldedFields(type.name);
  const problems: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (isListType(getNullableType(field.type))) continue;
    const target = getNamedType(field.type).name;
    const related = registry.has(target) || (target.endsWith('Connection') && registry.has(target.slice(0, -'Connection'.length)));
    if (related && !folded.has(field.name)) problems.push(`${type.name}.${field.name} relates to ${target} but does not fold (declare it with toOneField or childListField, src/registry/relations.ts)`);
  }
  return problems;
}

export function checkRegistryTypes(schema: GraphQLSchema, types: readonly RegistryType[]): void {
  const problems = registryTypeProblems(schema, types);
  if (problems.length) throw new Error(`The registry's type declarations are incomplete:\n- ${problems.join('\n- ')}`);
}
