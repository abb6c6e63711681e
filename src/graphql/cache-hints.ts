import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';

/**
 * Cache hints (Apollo cache control), read by Apollo from the schema. Aggregates change only when a
 * record is written, and every write empties the server's response cache, so a dashboard that
 * repeats its query is answered from memory; proxies see the hint as Cache-Control on GET requests.
 * A response is cacheable only when every field in it is: one list of records makes it uncacheable.
 */
export const AGGREGATE_MAX_AGE_SECONDS = 60;

/** On a field that returns an aggregate (counts, sums, series, goal progress): `@Directive(AGGREGATE_CACHE)`. */
export const AGGREGATE_CACHE = `@cacheControl(maxAge: ${AGGREGATE_MAX_AGE_SECONDS})`;

/** On a type reached from aggregates (a city, a goal): as cacheable as the field that returns it. */
export const INHERIT_CACHE = '@cacheControl(inheritMaxAge: true)';

const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'Who may share a cached response.',
  values: {
    PUBLIC: { description: 'Any cache may keep the response.' },
    PRIVATE: { description: "Only the caller's own cache may keep the response." },
  },
});

export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long a field or type may be cached (Apollo cache control).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt, description: 'Seconds the value stays fresh.' },
    scope: { type: CacheControlScope, description: 'Who may share it.' },
    inheritMaxAge: { type: GraphQLBoolean, description: "Take the parent field's maxAge." },
  },
});
