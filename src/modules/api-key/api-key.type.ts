import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../auth/caller';
import { UserError } from '../../graphql/errors/user-error';
import { DateTimeISOScalar, DivisionCodeScalar } from '../../graphql/scalars';

@ObjectType({ description: 'An API key (接口密钥) as ADMIN sees it: who holds it and what it may do. The key itself is never shown again; only its hash is kept.' })
export class ApiKey {
  @Field(() => ID, { description: 'Opaque global ID of the key; pass it to `revokeApiKey`.' })
  id: string;

  @Field({ description: 'The first characters of the key (e.g. "rr_AbC123"), to tell keys apart; not enough to use it.' })
  prefix: string;

  @Field(() => Role, { description: 'What the key may do (角色).' })
  role: Role;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'The one city a CITY_EDITOR key edits (城市), e.g. "320100"; null for other roles.' })
  cityCode: string | null;

  @Field({ description: 'Who holds the key and what for (备注), e.g. "Nanjing portal".' })
  label: string;

  @Field(() => DateTimeISOScalar, { description: 'When the key was created (创建时间).' })
  createdAt: Date;

  @Field(() => DateTimeISOScalar, { nullable: true, description: 'When a request last used the key (最近使用), to the minute; null if never.' })
  lastUsedAt: Date | null;

  @Field(() => DateTimeISOScalar, { nullable: true, description: 'When the key was revoked (吊销时间); null while it works. Requests with a revoked key are refused.' })
  revokedAt: Date | null;
}

@ObjectType({ description: 'The result of `createApiKey`: the new key, shown this once, or why it was not created.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key\'s record; null when it was not created.' })
  apiKey: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key itself (密钥), to send as `Authorization: Bearer <key>`. Shown only in this response and never again: store it now. Null when not created.',
  })
  key: string | null;

  @Field(() => [UserError], { description: 'Why the key was not created; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of `revokeApiKey`: the revoked key, or why it was not revoked.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, now revoked (revoking twice keeps the first time); null when nothing was revoked.' })
  apiKey: ApiKey | null;

  @Field(() => [UserError], { description: 'Why the key was not revoked; empty on success.' })
  userErrors: UserError[];
}
