import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs';
import { apiKeyService } from './api-key.service';
import { ApiKey, CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.type';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { nullable: true, description: 'Every API key (接口密钥), in the order created. ADMIN only: other callers get a FORBIDDEN error.' })
  apiKeys(@Ctx() ctx: RequestContext) {
    return apiKeyService.list(ctx);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key and returns it once, in `key`. ADMIN only (others get a FORBIDDEN user error).' })
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => CreateApiKeyInput, { description: 'The role, city and label of the new key.' }) input: CreateApiKeyInput) {
    return apiKeyService.create(ctx, input);
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key: requests with it are refused from then on. ADMIN only (others get a FORBIDDEN user error).' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeApiKeyInput, { description: 'Which key to revoke.' }) input: RevokeApiKeyInput) {
    return apiKeyService.revoke(ctx, input);
  }
}
