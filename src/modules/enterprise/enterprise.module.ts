import { defineModule } from '../../registry/registry-type';
import { enterpriseResolvers } from './enterprise.resolver';
import { enterpriseTable } from './enterprise.service';
import { enterpriseRecord } from './enterprise.writes';

export default defineModule({
  resolvers: enterpriseResolvers,
  types: [
    {
      typename: 'Enterprise',
      noun: { one: 'enterprise', many: 'enterprises', zh: '企业' },
      table: enterpriseTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: enterpriseRecord,
      import: { slug: 'enterprises', mutation: 'upsertEnterprises' },
      export: { slug: 'enterprises', listField: 'enterprises', statsField: 'enterpriseStats' },
    },
  ],
});
