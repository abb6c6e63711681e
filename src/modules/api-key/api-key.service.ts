import type { TransactionSettings } from '../../db/request-db';
import { forgetCachedApiKeys } from '../../auth/api-key-cache';
import { policy } from '../../auth/policy';
import type { RequestContext } from '../../graphql/context';
import { forbidden } from '../../graphql/errors/codes';
import { userError, UserErrorCode, type UserError } from '../../graphql/errors/user-error';
import { fromGlobalId, integerKeyOf, toGlobalId } from '../../graphql/relay/global-id';
import type { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs';
import { apiKeyProblems } from './api-key.rules';
import { apiKeyStore, type ApiKeyRecord } from './api-key.store';
import type { ApiKey, CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.type';

const TYPENAME = 'ApiKey';

function toApiKey(record: ApiKeyRecord): ApiKey {
  return { ...record, id: toGlobalId(TYPENAME, record.id) };
}

function settings(ctx: RequestContext): TransactionSettings {
  return { apiKey: ctx.apiKey, requestId: ctx.requestId };
}

/** The key's row id, or the user error saying why `id` names no key. */
function keyIdOf(id: string): number | UserError {
  let decoded: { typename: string; key: string };
  try {
    decoded = fromGlobalId(id, 'id');
  } catch (error) {
    return userError(UserErrorCode.INVALID, 'id', (error as Error).message);
  }
  const n = integerKeyOf(decoded.key);
  if (decoded.typename !== TYPENAME || n === null) return userError(UserErrorCode.NOT_FOUND, 'id', 'This ID names no API key.');
  return n;
}

/**
 * API keys through GraphQL, for ADMIN only (policy.mayAdminister). Reads use the request's
 * connection; writes run in a transaction as the application role, like every other write.
 */
export const apiKeyService = {
  async list(ctx: RequestContext): Promise<ApiKey[]> {
    const may = policy.mayAdminister(ctx.caller);
    if (!may.allowed) throw forbidden(may.reason);
    return (await apiKeyStore.list(ctx.db)).map(toApiKey);
  },

  async create(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    const refused = (userErrors: UserError[]): CreateApiKeyPayload => ({ apiKey: null, key: null, userErrors });
    const may = policy.mayAdminister(ctx.caller);
    if (!may.allowed) return refused([userError(UserErrorCode.FORBIDDEN, null, may.reason)]);
    const fields = { role: input.role, cityCode: input.cityCode ?? null, label: input.label };
    const problems = apiKeyProblems(fields);
    if (problems.length) return refused(problems.map((p) => userError(UserErrorCode.INVALID, p.field, p.message)));
    return ctx.db.transaction(settings(ctx), async (tx) => {
      if (fields.cityCode && (await apiKeyStore.cityName(tx, fields.cityCode)) === null) {
        return refused([userError(UserErrorCode.NOT_FOUND, 'cityCode', `The registry has no city with division code ${fields.cityCode}.`)]);
      }
      const { record, key } = await apiKeyStore.create(tx, fields);
      return { apiKey: toApiKey(record), key, userErrors: [] };
    });
  },

  async revoke(ctx: RequestContext, input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
    const refused = (error: UserError): RevokeApiKeyPayload => ({ apiKey: null, userErrors: [error] });
    const may = policy.mayAdminister(ctx.caller);
    if (!may.allowed) return refused(userError(UserErrorCode.FORBIDDEN, null, may.reason));
    const id = keyIdOf(input.id);
    if (typeof id !== 'number') return refused(id);
    const record = await ctx.db.transaction(settings(ctx), (tx) => apiKeyStore.revoke(tx, id));
    // Committed: refused from the next request on here; other instances hear the trigger's notification.
    if (record) forgetCachedApiKeys();
    return record ? { apiKey: toApiKey(record), userErrors: [] } : refused(userError(UserErrorCode.NOT_FOUND, 'id', 'This ID names no API key.'));
  },
};
