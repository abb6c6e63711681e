import { describeEnum } from '../graphql/enums';

/** What an API key may do; see src/auth/policy.ts for the rules. */
export enum Role {
  ADMIN = 'ADMIN',
  ANALYST = 'ANALYST',
  CITY_EDITOR = 'CITY_EDITOR',
}
describeEnum(Role, 'Role', 'Role of an API key (接口密钥角色).', {
  ADMIN: 'Everything: every record, goals, reported figures, sources, the audit log and API keys.',
  ANALYST: 'Reads the whole province and its aggregates; writes nothing; no personal data.',
  CITY_EDITOR: "Reads everything that is not personal; writes only its own city's records (城市门户).",
});

/** Who is asking: a key's holder, or nobody (local exploration only; refused in production). */
export type Caller =
  | { kind: 'key'; apiKeyId: number; role: Role; cityCode: string | null; label: string }
  | { kind: 'anonymous' };

export const ANONYMOUS: Caller = { kind: 'anonymous' };
