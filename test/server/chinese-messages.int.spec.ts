/**
 * Messages in Chinese for callers who prefer it (Accept-Language: zh-CN): every error and every refusal of a
 * write leads with its code's meaning in Chinese, the codes unchanged and the English kept; callers who do not
 * ask get English as before.
 */
import 'reflect-metadata';
import request from 'supertest';
import { CODE_IN_CHINESE } from '../../src/graphql/errors/chinese-messages';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let editor: string;
beforeAll(async () => {
  app = await startTestApp();
  editor = (await app.createKey('CITY_EDITOR', '320100')).key;
});
afterAll(() => app.close());

const ZH = 'zh-CN,zh;q=0.9,en;q=0.8';

function post(query: string, options: { language?: string; key?: string; variables?: Record<string, unknown> } = {}) {
  const req = request(app.app).post('/graphql').set('content-type', 'application/json');
  if (options.language) req.set('accept-language', options.language);
  if (options.key) req.set('authorization', `Bearer ${options.key}`);
  return req.send({ query, variables: options.variables });
}

describe('GraphQL errors', () => {
  it.each([
    ['FORBIDDEN', '{ cities(first: 1) { totalCount } auditLog(first: 1) { totalCount } }'],
    ['BAD_USER_INPUT', '{ node(id: "abc") { id } }'],
    ['BAD_USER_INPUT', '{ cities(first: 500) { totalCount } }'],
    ['GRAPHQL_VALIDATION_FAILED', '{ noSuchField }'],
    ['GRAPHQL_PARSE_FAILED', '{ cities( '],
  ])('%s: %s', async (code, query) => {
    const english = await post(query);
    const chinese = await post(query, { language: ZH });
    expect(chinese.status).toBe(english.status);
    const [en] = english.body.errors;
    const [zh] = chinese.body.errors;
    expect([en.extensions.code, zh.extensions.code]).toEqual([code, code]);
    expect(en.message).not.toMatch(/\p{Script=Han}/u);
    expect(en.extensions.englishMessage).toBeUndefined();
    expect(zh.message.startsWith(`${CODE_IN_CHINESE[code]}：`)).toBe(true);
    expect(zh.extensions.englishMessage).toBe(en.message);
    expect(chinese.headers.vary).toMatch(/Accept-Language/i);
  });
});

describe('refusals of writes', () => {
  it('userErrors of a mutation in Chinese, the code unchanged', async () => {
    const mutation = 'mutation($input: CreateCraftsmanAcademyInput!) { createCraftsmanAcademy(input: $input) { userErrors { field code message } } }';
    const variables = { input: { name: '院'.repeat(201), level: 'MUNICIPAL' } };
    const en = await post(mutation, { key: editor, variables });
    const zh = await post(mutation, { key: editor, language: ZH, variables });
    expect(en.body.data.createCraftsmanAcademy.userErrors).toEqual([{ field: 'name', code: 'INVALID', message: 'name must be at most 200 characters (got 201).' }]);
    expect(zh.body.data.createCraftsmanAcademy.userErrors).toEqual([{ field: 'name', code: 'INVALID', message: '数据不符合要求：name 最多 200 个字符（现为 201 个）。' }]);
  });

  it("an import's row errors and the HTTP layer's errors in Chinese", async () => {
    const csv = '外部编号,名称,级别\r\nZH-1,' + '院'.repeat(201) + ',MUNICIPAL\r\n';
    const rows = await request(app.app).post('/import/craftsman-academies').set('content-type', 'text/csv').set('authorization', `Bearer ${editor}`).set('accept-language', ZH).send(Buffer.from(csv));
    expect(rows.status).toBe(422);
    expect(rows.body.rowErrors).toEqual([expect.objectContaining({ row: 2, column: '名称', code: 'INVALID', message: '数据不符合要求：name 最多 200 个字符（现为 201 个）。' })]);

    const unknown = await request(app.app).get('/export/widgets.csv').set('accept-language', ZH);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].message).toMatch(/^未找到：/);
    expect(unknown.body.errors[0].extensions.englishMessage).toMatch(/^No export 'widgets.csv'/);

    const badKey = await request(app.app).post('/graphql').set('content-type', 'application/json').set('authorization', 'Bearer rr_nope').set('accept-language', ZH).send({ query: '{ cities(first: 1) { totalCount } }' });
    expect(badKey.status).toBe(401);
    expect(badKey.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(badKey.body.errors[0].message.startsWith(`${CODE_IN_CHINESE.UNAUTHENTICATED}：`)).toBe(true);
  });
});
