import 'reflect-metadata';
import { isInterfaceType, isObjectType, lexicographicSortSchema, print, printSchema, specifiedDirectives, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { cacheControlDirective } from '../graphql/cache-hints';
import { DateTimeISOScalar } from '../graphql/scalars';
import { answerFoldedFields } from '../registry/fold-planner';
import { settleConnections } from '../graphql/relay/connection';
import { registryModules, registryTypes } from './';
import { checkRegistryTypes } from '../registry/registry-check';

/** Every module's resolvers (src/modules/index.ts finds the modules). */
const resolvers = () => registryModules().flatMap((m) => m.resolvers);

let schema: GraphQLSchema | undefined;

/** The schema, built once per process from the decorated classes. */
export function buildRegistrySchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchemaSync({
      resolvers: resolvers() as [Function, ...Function[]],
      validate: false,
      directives: [...specifiedDirectives, cacheControlDirective],
      // A field typed Date is our DateTimeISO (with its @specifiedBy), not type-graphql's own instance of the same name.
      scalarsMap: [{ type: Date, scalar: DateTimeISOScalar }],
    });
    answerFoldedFields(schema);
    settleConnections(schema);
    checkRegistryTypes(schema, registryTypes());
    // type-graphql has no option for the root type's description; every type carries one.
    schema.getQueryType()!.description =
      'The registry of the industrial-workforce reform (产改登记平台): places, enterprises, studios, academies, contracts, craftsmen, goals and published figures, each citing its source.';
    const mutation = schema.getMutationType();
    if (mutation) {
      mutation.description =
        "Changes to the registry. City editors keep their own city's records; ADMIN keeps everything. Every change is validated, versioned and written to the audit log in the same transaction; refusals come back as userErrors.";
    }
  }
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show only real changes; with its cache hints. */
export function printRegistrySchema(): string {
  const schema = lexicographicSortSchema(buildRegistrySchema());
  return `${withCacheHints(printSchema(schema), schema)}\n`;
}

const cacheHintsOf = (directives: readonly ConstDirectiveNode[] | undefined) => (directives ?? []).filter((d) => d.name.value === 'cacheControl').map((d) => ` ${print(d)}`).join('');

/**
 * graphql's printSchema leaves out applied directives but @deprecated and @specifiedBy; the cache hints
 * (`@cacheControl`, src/graphql/cache-hints.ts) are part of what a client may rely on, so they are written
 * where a reader of the SDL looks: after a type's name, and after a field's type (after its arguments).
 */
function withCacheHints(sdl: string, schema: GraphQLSchema): string {
  const lines = sdl.split('\n');
  const startOf = (name: string) => lines.findIndex((l) => new RegExp(`^(type|interface) ${name}\\b`).test(l));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const start = startOf(type.name);
    if (start < 0) continue;
    const typeHint = cacheHintsOf(type.astNode?.directives);
    if (typeHint) lines[start] = lines[start].replace(/ \{$/, `${typeHint} {`);
    for (const field of Object.values(type.getFields())) {
      const hint = cacheHintsOf(field.astNode?.directives);
      if (!hint) continue;
      let at = lines.findIndex((l, i) => i > start && (l.startsWith(`  ${field.name}(`) || l.startsWith(`  ${field.name}:`)));
      // Arguments on lines of their own: the hint goes after the closing `): Type`.
      if (lines[at].endsWith('(')) at = lines.findIndex((l, i) => i > at && l.startsWith('  ): '));
      lines[at] = lines[at].replace(/( @deprecated\(.*\))?$/, (deprecated) => `${hint}${deprecated}`);
    }
  }
  return lines.join('\n');
}
