import { defineModule } from '../../registry/registry-type';
import { craftsmanPersonalColumns } from './craftsman.personal-data';
import { craftsmanResolvers } from './craftsman.resolver';
import { craftsmanTable } from './craftsman.service';
import { craftsmanRecord } from './craftsman.writes';

export default defineModule({
  resolvers: craftsmanResolvers,
  types: [
    {
      typename: 'Craftsman',
      noun: { one: 'craftsman', many: 'craftsmen', zh: '工匠' },
      table: craftsmanTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: craftsmanRecord,
      import: { slug: 'craftsmen', mutation: 'upsertCraftsmen' },
      export: { slug: 'craftsmen', listField: 'craftsmen', statsField: 'craftsmanStats', enrich: craftsmanPersonalColumns },
    },
  ],
});
