import { defineModule } from '../../registry/registry-type';
import { AuditResolver } from './audit.resolver';

export default defineModule({ resolvers: [AuditResolver] });
