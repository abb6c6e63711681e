/**
 * The schema is a contract: the committed SDL must be what the code builds, every part of it is
 * documented for the analysts who read it in GraphiQL, and the example queries GraphiQL opens
 * with must keep working.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  parse,
  print,
  validate,
  type GraphQLNamedType,
  type GraphQLScalarType,
} from 'graphql';
import { registryTypes } from '../../src/modules';
import { buildRegistrySchema, printRegistrySchema } from '../../src/modules/schema';
import { EXAMPLE_QUERIES } from '../../src/server/example-queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');
/** The schema as city portals were last given it; moved forward on purpose, in the commit that changes the contract. */
const RELEASED_FILE = path.join(__dirname, '..', '..', 'schema', 'released.graphql');

describe('schema/schema.graphql', () => {
  it('is exactly what the code builds', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== printRegistrySchema()) {
      throw new Error('schema/schema.graphql differs from the schema the code builds: run `npm run schema:emit`, review the diff and commit it.');
    }
  });

  it('breaks nothing a city portal built on the released schema relies on (schema/released.graphql)', () => {
    const released = buildSchema(readFileSync(RELEASED_FILE, 'utf8'));
    const broken = findBreakingChanges(released, buildRegistrySchema()).map((c) => `${c.type}: ${c.description}`);
    // Retire a field with @deprecated(reason:) instead; copy schema.graphql over released.graphql only for a deliberate, announced break.
    expect(broken).toEqual([]);
  });
});

/** Every place a description belongs and is missing: "Type", "Type.field", "Type.field(arg)", "Enum.VALUE". */
function undocumented(types: ReadonlyArray<GraphQLNamedType>): string[] {
  const blank = (d: string | null | undefined) => !d || d.trim() === '';
  const missing: string[] = [];
  for (const type of types) {
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe('cache hints', () => {
  /** `Type` or `Type.field` → its @cacheControl arguments, printed, for every type and field that carries one. */
  const hintsOf = (schema: ReturnType<typeof buildSchema>) => {
    const hints: Record<string, string> = {};
    const printed = (node: { directives?: readonly { name: { value: string } }[] } | null | undefined) =>
      (node?.directives ?? []).filter((d) => d.name.value === 'cacheControl').map((d) => print(d as never)).join(' ');
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      if (printed(type.astNode)) hints[type.name] = printed(type.astNode);
      for (const field of Object.values(type.getFields())) if (printed(field.astNode)) hints[`${type.name}.${field.name}`] = printed(field.astNode);
    }
    return hints;
  };

  it('are written in the committed SDL where the server applies them (@cacheControl on types and fields)', () => {
    const built = hintsOf(buildRegistrySchema());
    expect(Object.keys(built).length).toBeGreaterThan(30);
    expect(built['Query.innovationStudioStats']).toBe('@cacheControl(maxAge: 60)');
    expect(hintsOf(buildSchema(readFileSync(SCHEMA_FILE, 'utf8')))).toEqual(built);
  });
});

describe('custom scalars', () => {
  it('each says where its format is specified (@specifiedBy), so codegen can map it to a type', () => {
    const scalars = Object.values(buildRegistrySchema().getTypeMap()).filter((t) => isScalarType(t) && !isSpecifiedScalarType(t) && !t.name.startsWith('__'));
    expect(scalars.map((t) => t.name).sort()).toEqual(['CreditCode', 'DateTimeISO', 'DivisionCode', 'JSONObject', 'LocalDate', 'NonNegativeInt']);
    const unspecified = scalars.filter((t) => !(t as GraphQLScalarType).specifiedByURL?.startsWith('https://') && !(t as GraphQLScalarType).specifiedByURL?.startsWith('http://'));
    expect(unspecified.map((t) => t.name)).toEqual([]);
    // Its own URL in the committed SDL, where a client's tools read it.
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toMatch(/scalar CreditCode @specifiedBy\(url: "https:\/\/openstd\.samr\.gov\.cn\/.+"\)/);
  });
});

describe('documentation', () => {
  const schema = buildRegistrySchema();
  const ours = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !isSpecifiedScalarType(t));

  it('inspects the whole registry schema', () => {
    const names = ours.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['Query', 'Node', 'Scope', 'PageInfo', 'City', 'Goal', 'GoalProgress', 'GoalMetric', 'CityFilter', 'CreditCode', 'DivisionCode', 'LocalDate']),
    );
    expect(names).not.toEqual(expect.arrayContaining(['String', '__Schema']));
  });

  it('describes every type, field, argument, enum value and input field', () => {
    expect(undocumented(ours)).toEqual([]);
  });

  it('says, on every create input of a registry type, the length, range or dates a write is held to', () => {
    // A portal developer reads the bounds in GraphiQL instead of learning them from INVALID errors.
    const unstated: string[] = [];
    for (const { typename, record } of registryTypes()) {
      const input = schema.getType(`Create${typename}Input`);
      if (!record || !isInputObjectType(input)) continue;
      for (const [name, field] of Object.entries(input.getFields())) {
        const kind = record.fields[name]?.kind;
        const description = field.description ?? '';
        const bounds =
          kind?.type === 'text' && !kind.problem ? [String(kind.max), kind.max.toLocaleString('en-US')]
          : kind?.type === 'integer' ? [kind.min, kind.max].flatMap((v) => [String(v), v.toLocaleString('en-US')])
          : kind?.type === 'date' ? [kind.min]
          : [];
        if (bounds.length && !bounds.some((b) => description.includes(b))) unstated.push(`${input.name}.${name}: ${description}`);
      }
    }
    expect(unstated).toEqual([]);
  });

  it('(the check itself finds each kind of gap)', () => {
    const obj = new GraphQLObjectType({ name: 'Obj', description: 'x', fields: { f: { type: GraphQLString, description: 'y', args: { a: { type: GraphQLString } } }, g: { type: GraphQLString } } });
    const input = new GraphQLInputObjectType({ name: 'In', description: 'x', fields: { i: { type: GraphQLString } } });
    const enumType = new GraphQLEnumType({ name: 'E', description: '  ', values: { A: { description: 'a' }, B: {} } });
    expect(undocumented([obj, input, enumType])).toEqual(['Obj.f(a)', 'Obj.g', 'In.i', 'E', 'E.B']);
  });
});

describe('the GraphiQL example queries', () => {
  const schema = buildRegistrySchema();
  const examples = EXAMPLE_QUERIES.map((e) => [e.title, e] as const);
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it.each(examples)('%s: validates against the schema', (_title, example) => {
    expect(validate(schema, parse(example.query)).map((e) => e.message)).toEqual([]);
  });

  it.each(examples)('%s: runs on the seeded registry without errors and finds data', async (_title, example) => {
    const res = await app.graphql(example.query, example.variables);
    expect(res.errors).toBeUndefined();
    const roots = Object.entries(res.data ?? {});
    expect(roots.length).toBeGreaterThan(0);
    for (const [, value] of roots) {
      // Every root field answers from the published data set: a record, a non-empty list or page.
      expect(value).not.toBeNull();
      if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
      const page = value as { nodes?: unknown[]; edges?: unknown[] };
      if (page.nodes) expect(page.nodes.length).toBeGreaterThan(0);
      if (page.edges) expect(page.edges.length).toBeGreaterThan(0);
    }
  });

  it('the first one is the Nanjing question, answered as published', async () => {
    const res = await app.graphql(EXAMPLE_QUERIES[0].query);
    expect(res.data).toEqual({
      city: {
        name: '南京',
        innovationStudios: { totalCount: 598 },
        goals: [{ target: 1000, deadline: '2026-12-31', progress: { current: 598, ratio: 0.598 } }],
      },
    });
  });
});
