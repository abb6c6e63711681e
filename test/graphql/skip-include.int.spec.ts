import { gql } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

// Queries run compiled by graphql-jit (src/graphql/jit-executor.ts); @skip/@include must still drop
// exactly the fields graphql-js would, including under fragments and folded relations.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const LIST = 'innovationStudios(first: 3, orderBy: ESTABLISHED_ON_DESC)';

describe('@skip and @include', () => {
  it('drop a field by a variable, and keep it when the variable says so', async () => {
    const query = `query($skip: Boolean!, $with: Boolean!) { ${LIST} { nodes { id name @skip(if: $skip) kind @include(if: $with) } } }`;
    const full = await gql(app, `{ ${LIST} { nodes { id name kind } } }`);
    const dropped = await gql(app, query, { skip: true, with: false });
    expect(dropped.innovationStudios.nodes).toEqual(full.innovationStudios.nodes.map((n: any) => ({ id: n.id })));
    const kept = await gql(app, query, { skip: false, with: true });
    expect(kept).toEqual(full);
  });

  it('keep a field that another selection of the same name still asks for', async () => {
    const res = await gql(app, `{ ${LIST} { nodes { id name @skip(if: true) ...F } } } fragment F on InnovationStudio { name }`);
    const full = await gql(app, `{ ${LIST} { nodes { id name } } }`);
    expect(res).toEqual(full);
  });

  it('apply to fragments and to folded relations, and the same fragment elsewhere is unaffected', async () => {
    const res = await gql(app, `query($no: Boolean!) { a: ${LIST} { nodes { id ...E @include(if: $no) } }
      b: ${LIST} { nodes { id ...E } } } fragment E on InnovationStudio { enterprise { name } city { name } }`, { no: false });
    const full = await gql(app, `{ ${LIST} { nodes { id enterprise { name } city { name } } } }`);
    expect(res.a.nodes).toEqual(full.innovationStudios.nodes.map((n: any) => ({ id: n.id })));
    expect(res.b).toEqual(full.innovationStudios);
  });
});
