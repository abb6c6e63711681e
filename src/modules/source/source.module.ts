import { defineModule } from '../../registry/registry-type';
import { sourceResolvers } from './source.resolver';
import { sourceTable } from './source.service';
import { sourceRecord } from './source.writes';

export default defineModule({
  resolvers: sourceResolvers,
  types: [
    {
      typename: 'Source',
      noun: { one: 'source', many: 'sources', zh: '来源' },
      table: sourceTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: sourceRecord,
      export: { slug: 'sources', listField: 'sources' },
    },
  ],
});
