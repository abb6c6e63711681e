import { ErrorCode } from './codes';

/**
 * What each stable code means, in Chinese: the lead of every message a caller who prefers Chinese
 * (Accept-Language) reads. Codes stay English and unchanged; the English message stays in
 * `extensions.englishMessage`. Every code the platform answers with is here: the GraphQL codes
 * (ErrorCode), the write codes (UserErrorCode), the HTTP layer's, and GraphQL's and Apollo's own.
 */
export const CODE_IN_CHINESE: Readonly<Record<string, string>> = {
  [ErrorCode.BAD_USER_INPUT]: '参数有误',
  [ErrorCode.NOT_FOUND]: '未找到',
  [ErrorCode.UNAUTHENTICATED]: '缺少有效的 API 密钥',
  [ErrorCode.FORBIDDEN]: '无权执行此操作',
  [ErrorCode.CONFLICT]: '记录已被他人修改',
  [ErrorCode.QUERY_TOO_COMPLEX]: '查询过于复杂',
  [ErrorCode.RATE_LIMITED]: '请求过于频繁，请稍后再试',
  [ErrorCode.TIMEOUT]: '查询超时或服务器繁忙，请缩小范围或稍后再试',
  [ErrorCode.UNAVAILABLE]: '服务暂不可用，请稍后重试',
  [ErrorCode.INTERNAL]: '服务器内部错误',
  // UserErrorCode's (user-error.ts; named here as text, as this file is read by the HTTP layer before any GraphQL type is declared)
  INVALID: '数据不符合要求',
  DUPLICATE: '数据重复',
  IDEMPOTENCY_KEY_REUSED: '该幂等键已用于不同的内容',
  IN_PROGRESS: '相同幂等键的请求仍在处理中，请稍后重试',
  BAD_REQUEST: '请求无法读取',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型',
  PAYLOAD_TOO_LARGE: '文件过大',
  HEADERS_TOO_LARGE: '请求头或网址过长，请改用 POST 发送查询',
  TOO_MANY_EXPORTS: '同时进行的导出过多，请稍后再试',
  GRAPHQL_PARSE_FAILED: 'GraphQL 语法错误',
  GRAPHQL_VALIDATION_FAILED: 'GraphQL 查询与接口定义不符',
  PERSISTED_QUERY_NOT_FOUND: '未找到持久化查询',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
};

/**
 * The recurring phrases of the messages, in Chinese: a message is translated phrase by phrase, so that its
 * particulars (field names, values, limits) stay as they are; a phrase not listed stays English.
 */
const PHRASES: Array<[RegExp, string]> = [
  [/\bmust be at most (\d[\d,]*) characters \(got (\d+)\)/g, '最多 $1 个字符（现为 $2 个）'],
  [/\bmust be between (-?[\d,]+) and (-?[\d,]+) \(got (-?[\d.]+)\)/g, '必须在 $1 到 $2 之间（现为 $3）'],
  [/\bmust be at least (\S+) \(got (\S+)\)/g, '不能小于 $1（现为 $2）'],
  [/\bmust be a whole number/g, '必须是整数'],
  [/\bmust be a number/g, '必须是数字'],
  [/\bmust be text/g, '必须是文本'],
  [/\bmust be a date as YYYY-MM-DD/g, '必须是日期（如 2024-05-01、2024/5/1、2024年5月1日）'],
  [/\bmust be on or after (\S+)/g, '不能早于 $1'],
  [/\bmust not be in the future/g, '不能晚于今天'],
  [/\bmust be within (\d+) years from today/g, '不能晚于今天起 $1 年'],
  [/\bmust be true or false/g, '必须是“是”或“否”'],
  [/\bmust be one of /g, '必须是以下之一：'],
  [/\bmust be a six-digit division code such as "(\d+)"/g, '必须是六位行政区划代码（如 "$1"）'],
  [/\bmust not be empty/g, '不能为空'],
  [/'([^']{0,60})' is not an ID issued by this API/g, "“$1”不是本系统签发的 ID"],
  [/\bmust be the ID of an? (\w+), not of an? (\w+)/g, '必须是 $1 的 ID，而不是 $2 的'],
  [/\bGive only one of /g, '只能填写其中一项：'],
  [/\bNo (\w+)(.*?) exists with this ID/g, '没有此 ID 的 $1$2'],
  [/\bNo (\w+) has this ID/g, '没有此 ID 的 $1'],
  [/\bNo (\w+)(.*?) exists/g, '不存在 $1$2'],
  [/\brefers to an archived (\w+)/g, '指向已归档的 $1'],
  [/\bmust name an? (\w+) of the record's city \((\w+)\), not of /g, '必须是本记录所在城市（$2）的 $1，而不是 '],
  [/\bWriting requires an API key/g, '写入需要 API 密钥'],
  [/\bAn API key is required/g, '需要 API 密钥'],
  [/\bUnknown API key/g, '未知的 API 密钥'],
  [/\bThis API key has been revoked/g, '此 API 密钥已被吊销'],
  [/\bThe Authorization header must be "Bearer <API key>"/g, 'Authorization 请求头必须为 "Bearer <API 密钥>"'],
  [/\bOnly ADMIN keys may change these records/g, '只有 ADMIN 密钥可以修改这些记录'],
  [/\bOnly ADMIN keys may do this/g, '只有 ADMIN 密钥可以执行此操作'],
  [/\b(ANALYST|CITY_EDITOR|ADMIN) keys may not change records/g, '$1 密钥不能修改记录'],
  [/\bCity editors may only change records of their own city; this record has no city/g, '城市编辑只能修改本市的记录；此记录没有所属城市'],
  [/\bThis key edits records of city (\d+) only; the record is in city (\d+)/g, '此密钥只能编辑城市 $1 的记录；该记录属于城市 $2'],
  [/\bThe database refused this change for this key \(row-level security\)/g, '数据库拒绝了此密钥的这项修改（行级安全）'],
  [/\bhas changed since version (\d+): it is now at version (\d+)\. Read it again and reapply the change/g, '自版本 $1 以来已被修改，现为版本 $2。请重新读取后再修改'],
  [/\bAnother (\w+) already has this /g, '已有另一条 $1 使用此 '],
  [/\bIntrospection \(__schema, __type\) is open to ADMIN and ANALYST keys only/g, '接口自省（__schema、__type）仅对 ADMIN 和 ANALYST 密钥开放'],
  [/\bToo many requests for /g, '请求过多：'],
  [/\bThe query has (\d+) field selections; at most (\d+) are allowed \(field limit\)/g, '查询选择了 $1 个字段，最多允许 $2 个（字段上限）'],
  [/\bThe query is (\d+) fields deep; at most (\d+) are allowed \(depth limit\)/g, '查询嵌套 $1 层，最多允许 $2 层（深度上限）'],
  [/\bThe query has more than (\d+) tokens; at most (\d+) are allowed \(token limit\)/g, '查询超过 $1 个词法单元，最多允许 $2 个（词法单元上限）'],
  [/\bThe server is busy: no database connection became free in time\. Retry in a moment/g, '服务器繁忙：没有空闲的数据库连接。请稍后重试'],
  [/\bCannot query field "(\w+)" on type "(\w+)"/g, '类型 "$2" 上没有字段 "$1"'],
  [/\bis not an export\b/g, '不是导出地址'],
  [/\bNo export '/g, "没有导出 '"],
  [/\bis not a whole number/g, '不是整数'],
  [/\bis not a number/g, '不是数字'],
  [/\bis not true or false/g, '不是“是”或“否”'],
  [/\b(\w+) is required\b/g, '缺少必填项 $1'],
  [/\bappears twice in this batch: rows (\d+) and (\d+)/g, '在本批中出现两次：第 $1 行和第 $2 行'],
  [/\bis already registered to enterprise\b/g, '已登记给企业'],
  [/\bThe record changed since it was read\b/g, '记录在读取后已被修改'],
  [/\bexport it again and reapply the edit\b/g, '请重新导出并再次修改'],
  [/\bUnknown columns? /g, '未知的列 '],
  [/\bMissing columns? /g, '缺少列 '],
  [/\bAllowed columns for ([\w-]+): /g, '$1 可用的列：'],
  [/\bnames are case-sensitive\b/g, '区分大小写'],
  [/\bThe file is empty\b/g, '文件为空'],
  [/\bNo record has\b/g, '没有记录的'],
  [/\bNot found\b/g, '未找到'],
  [/\bretry in a little while\b/g, '请稍后重试'],
];

/** A message in Chinese: the code's meaning, then the message's particulars, phrase by phrase. */
export function inChinese(code: string, message: string): string {
  const lead = CODE_IN_CHINESE[code] ?? '请求未能完成';
  // A message that already leads with Chinese (some are written both ways) is kept as it is.
  if (/^\p{Script=Han}/u.test(message)) return message;
  let detail = message;
  for (const [phrase, chinese] of PHRASES) detail = detail.replace(phrase, chinese);
  // A sentence that now ends in Chinese ends with a Chinese full stop.
  detail = detail.replace(/([\p{Script=Han}）”])\.(\s|$)/gu, '$1。$2');
  if (/\p{Script=Han}/u.test(detail)) detail = detail.replace(/\.$/, '。');
  return `${lead}：${detail}`;
}

/**
 * Whether a request prefers Chinese: its Accept-Language ranks a Chinese tag (zh, zh-CN, zh-Hans…) above English
 * (en-*, or `*`), the first listed winning a tie. Without the header, English: what callers got before.
 */
export function prefersChinese(acceptLanguage: string | undefined | null): boolean {
  if (!acceptLanguage) return false;
  let zh = { q: 0, at: Infinity };
  let en = { q: 0, at: Infinity };
  acceptLanguage.split(',').forEach((part, at) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
    if (!Number.isFinite(q) || q <= 0) return;
    if ((tag === 'zh' || tag.startsWith('zh-')) && q > zh.q) zh = { q, at };
    else if ((tag === 'en' || tag.startsWith('en-') || tag === '*') && q > en.q) en = { q, at };
  });
  return zh.q > en.q || (zh.q > 0 && zh.q === en.q && zh.at < en.at);
}

/** The keys under which a payload carries its refusals (RecordPayload.userErrors, BulkUpsertPayload.rowErrors). */
const REFUSALS = new Set(['userErrors', 'rowErrors']);

/** Every refusal's message under `value` in Chinese, in place: a mutation's payloads, an import's report. */
export function refusalsInChinese(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) refusalsInChinese(item);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (REFUSALS.has(key) && Array.isArray(child)) {
      for (const refusal of child) {
        if (refusal && typeof refusal.message === 'string' && typeof refusal.code === 'string') refusal.message = inChinese(refusal.code, refusal.message);
      }
    } else if (child && typeof child === 'object') {
      refusalsInChinese(child);
    }
  }
}
