import 'reflect-metadata';
import { registryTypes } from '../../modules';
import { buildRegistrySchema } from '../../modules/schema';
import { registryTypeProblems } from '../registry-check';
import type { RegistryType } from '../registry-type';

const schema = buildRegistrySchema();
const types = registryTypes();
const studio = types.find((t) => t.typename === 'InnovationStudio')!;
const others = types.filter((t) => t !== studio);

describe('the start-up check of the registry types (src/registry/registry-check.ts)', () => {
  it('finds nothing missing in the registry as declared', () => {
    expect(registryTypeProblems(schema, types)).toEqual([]);
  });

  it('names a Node type no module declares: node(id:) would answer null for its IDs', () => {
    expect(registryTypeProblems(schema, others)).toEqual([expect.stringMatching(/^InnovationStudio implements Node but no module declares it/)]);
  });

  it('names a declaration with no GraphQL type, a record spec of another table, an unknown import mutation and a slug used twice', () => {
    const broken: RegistryType[] = [
      ...others,
      { ...studio, import: { slug: 'enterprises', mutation: 'upsertStudiosSomehow' }, record: { ...studio.record!, table: 'studio' } },
      { ...studio, typename: 'NoSuchType' },
    ];
    const problems = registryTypeProblems(schema, broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'import slug \'enterprises\' is declared by two types',
        expect.stringMatching(/InnovationStudio: its record spec writes studio, its table spec reads innovation_studio t/),
        'registry type InnovationStudio: import mutation upsertStudiosSomehow is not in the schema',
        expect.stringMatching(/registry type NoSuchType: no object type of that name in the schema/),
      ]),
    );
  });
});
