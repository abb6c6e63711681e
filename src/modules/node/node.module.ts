import { defineModule } from '../../registry/registry-type';
import { NodeResolver } from './node.resolver';

export default defineModule({ resolvers: [NodeResolver] });
