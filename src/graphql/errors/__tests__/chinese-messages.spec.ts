import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '../codes';
import { CODE_IN_CHINESE, inChinese, prefersChinese } from '../chinese-messages';
import { UserErrorCode } from '../user-error';

const HAN = /\p{Script=Han}/u;

describe('every code has its Chinese', () => {
  it.each([...Object.values(ErrorCode), ...Object.values(UserErrorCode)])('%s', (code) => {
    expect(CODE_IN_CHINESE[code]).toMatch(HAN);
    const message = inChinese(code, 'Something went wrong.');
    expect(message.startsWith(CODE_IN_CHINESE[code])).toBe(true);
    expect(message).toContain('Something went wrong.'); // the particulars are kept where no phrase matches
  });
});

describe('every code the README documents has its Chinese', () => {
  // The error table's codes and the HTTP layer's (each written `CODE` (status …) in the paragraph under the table).
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Errors and limits'), readme.indexOf('### Limits'));
  const documented = new Set([...section.matchAll(/^\| `([A-Z_]+)` \|/gm), ...section.matchAll(/`([A-Z_]{4,})` \(\d{3}/g)].map((m) => m[1]));

  it('finds the codes', () => {
    expect([...documented]).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'QUERY_TOO_COMPLEX', 'BAD_REQUEST', 'HEADERS_TOO_LARGE', 'PAYLOAD_TOO_LARGE']));
  });

  it.each([...documented])('%s', (code) => {
    expect(CODE_IN_CHINESE[code]).toMatch(HAN);
  });
});

describe('inChinese', () => {
  it.each([
    ['INVALID', 'name must be at most 200 characters (got 250).', '数据不符合要求：name 最多 200 个字符（现为 250 个）。'],
    ['INVALID', 'employeeCount must be between 0 and 5,000,000 (got -1).', '数据不符合要求：employeeCount 必须在 0 到 5,000,000 之间（现为 -1）。'],
    ['INVALID', 'establishedOn must not be in the future.', '数据不符合要求：establishedOn 不能晚于今天。'],
    ['INVALID', "kind: must be one of MODEL_WORKER, EMPLOYEE.", '数据不符合要求：kind: 必须是以下之一：MODEL_WORKER, EMPLOYEE。'],
    ['DUPLICATE', 'creditCode 91320100MA1 appears twice in this batch: rows 0 and 3.', '数据重复：creditCode 91320100MA1 在本批中出现两次：第 0 行和第 3 行。'],
    ['BAD_USER_INPUT', "'abc' is not an ID issued by this API", '参数有误：“abc”不是本系统签发的 ID'],
    ['FORBIDDEN', 'This key edits records of city 320100 only; the record is in city 320200.', '无权执行此操作：此密钥只能编辑城市 320100 的记录；该记录属于城市 320200。'],
    ['UNAUTHENTICATED', 'This API key has been revoked.', '缺少有效的 API 密钥：此 API 密钥已被吊销。'],
    ['CONFLICT', 'The InnovationStudio has changed since version 3: it is now at version 5. Read it again and reapply the change.', '记录已被他人修改：The InnovationStudio 自版本 3 以来已被修改，现为版本 5。请重新读取后再修改。'],
    ['QUERY_TOO_COMPLEX', 'The query is 14 fields deep; at most 12 are allowed (depth limit).', '查询过于复杂：查询嵌套 14 层，最多允许 12 层（深度上限）。'],
  ])('%s: %s', (code, english, chinese) => {
    expect(inChinese(code, english)).toBe(chinese);
  });

  it('keeps a message that is already Chinese first', () => {
    expect(inChinese('BAD_REQUEST', '文件为空。The file is empty.')).toBe('文件为空。The file is empty.');
  });
});

describe('prefersChinese', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', true],
    ['zh', true],
    ['zh-Hans-CN', true],
    ['en-US,en;q=0.9,zh-CN;q=0.8', false],
    ['en, zh', false],
    ['zh, en', true],
    ['zh;q=0', false],
    ['*', false],
    ['fr, zh;q=0.5', true],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, chinese) => {
    expect(prefersChinese(header)).toBe(chinese);
  });
});
