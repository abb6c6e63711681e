import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../auth/caller';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { MAX_LABEL_LENGTH } from './api-key.rules';

@InputType({ description: 'A new API key (接口密钥).' })
export class CreateApiKeyInput {
  @Field(() => Role, { description: 'What the key may do.' })
  role: Role;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Required for CITY_EDITOR, the one city it edits (e.g. "320100"); must be null for other roles.' })
  cityCode?: string | null;

  @Field({ description: `Who holds the key and what for, e.g. "Nanjing portal" (1 to ${MAX_LABEL_LENGTH} characters).` })
  label: string;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key\'s `id`, as `apiKeys` lists it.' })
  id: string;
}
