import { defineModule } from '../../registry/registry-type';
import { ApiKeyResolver } from './api-key.resolver';

export default defineModule({ resolvers: [ApiKeyResolver] });
