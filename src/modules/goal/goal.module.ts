import { defineModule } from '../../registry/registry-type';
import { goalResolvers } from './goal.resolver';
import { goalExportNested, goalProgressColumns } from './goal.export';
import { goalTable } from './goal.service';
import { goalRecord } from './goal.writes';

export default defineModule({
  resolvers: goalResolvers,
  types: [
    {
      typename: 'Goal',
      noun: { one: 'goal', many: 'goals', zh: '目标' },
      table: goalTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: goalRecord,
      export: { slug: 'goals', listField: 'goals', nested: goalExportNested, enrich: goalProgressColumns },
    },
  ],
});
