/**
 * The ecosystem's clients on the registry, as a portal's developers would use them (examples/clients/, the README's
 * *Clients*): GraphQL Code Generator types the operations with every scalar mapped (strictScalars), Relay's compiler
 * accepts the schema as a Relay server (Node, node(id:), connections) and pages and refetches through it, and Apollo
 * Client runs the typed operations over HTTP. The examples compile with their own tsconfig and run against the server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { cityStudios, pullChanges, registryClient } from '../../examples/clients/apollo-client';
import { SCALARS } from '../../examples/clients/codegen.config';
import { execFileSync } from 'node:child_process';
import { relayEnvironment, twoPagesOfStudios } from '../../examples/clients/relay/relay-client';
import { sqlNumber } from '../setup/queries';
import { testAppOnLoopback } from '../setup/test-app';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples', 'clients');
const served = testAppOnLoopback();

describe('generated from the committed schema', () => {
  it('the typed operations and the Relay artifacts are what GraphQL Code Generator and relay-compiler make now (npm run clients:generate)', () => {
    // relay-compiler --validate also says the schema is one a Relay client can use (Node, node(id:), connections).
    const said = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(EXAMPLES, 'generate.ts'), '--check'], { encoding: 'utf8' });
    expect(said).toMatch(/current/);
  }, 60_000);

  it('every custom scalar of the schema is in the scalar map, so strictScalars leaves nothing untyped', () => {
    const schema = readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    const scalars = [...schema.matchAll(/^scalar (\w+)/gm)].map((m) => m[1]).sort();
    expect(Object.keys(SCALARS).sort()).toEqual(scalars);
  });
});

it('the examples compile with their own tsconfig (strict, node16 modules), generated types included', () => {
  const file = ts.readConfigFile(path.join(EXAMPLES, 'tsconfig.json'), ts.sys.readFile);
  const config = ts.parseJsonConfigFileContent(file.config, ts.sys, EXAMPLES);
  const program = ts.createProgram(config.fileNames, config.options);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(config.fileNames.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['apollo-client.ts', 'graphql.ts', 'relay-client.ts', 'StudioListQuery.graphql.ts']));
  expect(problems).toEqual([]);
});

describe('Apollo Client with the generated types', () => {
  it("reads a city's studios and its count over HTTP", async () => {
    const client = registryClient(served.url);
    const data = await cityStudios(client, '320100');
    expect(data.innovationStudios?.totalCount).toBe(await sqlNumber(served.app, "SELECT count(*) FROM innovation_studio WHERE city_code = '320100' AND archived_at IS NULL"));
    expect(data.innovationStudios?.nodes).toHaveLength(5);
    expect(data.innovationStudios?.nodes[0]).toMatchObject({ id: expect.any(String), city: { code: '320100', name: '南京' } });
    expect(data.innovationStudioStats?.[0]).toMatchObject({ cityCode: '320100', count: data.innovationStudios?.totalCount });
  });

  it('pulls the change feed as a typed page', async () => {
    const { key } = await served.app.createKey('ADMIN');
    const [studio] = await served.app.dataSource.query("SELECT id, version FROM innovation_studio WHERE city_code = '320100' ORDER BY id LIMIT 1");
    const id = Buffer.from(`InnovationStudio:${studio.id}`).toString('base64');
    await served.app.graphqlAs(key, `mutation { updateInnovationStudio(input: { id: "${id}", version: ${studio.version}, name: "客户端示例改名" }) { userErrors { code } } }`);
    // The feed gives a change once no older transaction is still running (another test file's may be, a moment).
    const client = registryClient(served.url);
    const deadline = Date.now() + 40_000;
    let names: unknown[] = [];
    while (!names.includes('客户端示例改名') && Date.now() < deadline) {
      const page = await pullChanges(client, null);
      names = page?.nodes.map((n) => n.after.name) ?? [];
      if (!names.includes('客户端示例改名')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(names).toContain('客户端示例改名');
  }, 60_000);
});

describe('Relay (relay-runtime with the compiled artifacts)', () => {
  it("pages a city's studios through its connection and node(id:), and refetches a studio by its ID", async () => {
    const { cityName, page, refetched } = await twoPagesOfStudios(relayEnvironment(served.url), '320100', 2);
    expect(cityName).toBe('南京');
    const ids = page.edges!.map((e) => e!.node!.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const [{ name }] = await served.app.dataSource.query('SELECT name FROM innovation_studio WHERE id = $1', [Number(Buffer.from(ids[0], 'base64').toString().split(':')[1])]);
    expect(refetched).toMatchObject({ id: ids[0], name });
  });
});
