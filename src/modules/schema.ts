import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { cacheControlDirective } from '../graphql/cache-hints';
import { DateTimeISOScalar } from '../graphql/scalars';
import { answerFoldedFields } from '../registry/fold-planner';
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

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show only real changes. */
export function printRegistrySchema(): string {
  return `${printSchema(lexicographicSortSchema(buildRegistrySchema()))}\n`;
}
