import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { cacheControlDirective } from './cache-hints';
import { answerFoldedFields } from './fold';
import { TimeSeriesLineResolver } from './time-series.resolver';
import { ApiKeyResolver } from '../modules/api-key/api-key.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { CityResolver, ProvinceCitiesResolver } from '../modules/city/city.resolver';
import { collectiveInnovationContractResolvers } from '../modules/collective-innovation-contract/collective-innovation-contract.resolver';
import { craftsmanAcademyResolvers } from '../modules/craftsman-academy/craftsman-academy.resolver';
import { craftsmanResolvers } from '../modules/craftsman/craftsman.resolver';
import { districtResolvers } from '../modules/district/district.resolver';
import { enterpriseResolvers } from '../modules/enterprise/enterprise.resolver';
import { goalResolvers } from '../modules/goal/goal.resolver';
import { innovationStudioResolvers } from '../modules/innovation-studio/innovation-studio.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { ProvinceResolver } from '../modules/province/province.resolver';
import { reportedFigureResolvers } from '../modules/reported-figure/reported-figure.resolver';
import { sourceResolvers } from '../modules/source/source.resolver';

const RESOLVERS = [
  NodeResolver,
  ProvinceResolver,
  CityResolver,
  ProvinceCitiesResolver,
  ...districtResolvers,
  ...sourceResolvers,
  ...enterpriseResolvers,
  ...innovationStudioResolvers,
  ...craftsmanAcademyResolvers,
  ...craftsmanResolvers,
  ...collectiveInnovationContractResolvers,
  ...goalResolvers,
  ...reportedFigureResolvers,
  TimeSeriesLineResolver,
  AuditResolver,
  ApiKeyResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** The schema, built once per process from the decorated classes. */
export function buildRegistrySchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchemaSync({ resolvers: RESOLVERS as unknown as [Function, ...Function[]], validate: false, directives: [...specifiedDirectives, cacheControlDirective] });
    answerFoldedFields(schema);
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
