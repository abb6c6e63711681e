import { defineModule } from '../../registry/registry-type';
import { CRAFTSMAN_DATED_BY } from './craftsman.service';
import type { GoalMetricDeclaration } from '../../registry/registry-type';
import { craftsmanPersonalColumns } from './craftsman.personal-data';
import { craftsmanResolvers } from './craftsman.resolver';
import { craftsmanTable } from './craftsman.service';
import { craftsmanRecord } from './craftsman.writes';

/** Craftsmen count for goals once certified (已认定), of any level or of one. */
const certified = (description: string, publishedAs: string, level?: string): GoalMetricDeclaration => ({
  description,
  table: 'craftsman',
  dated: CRAFTSMAN_DATED_BY,
  condition: `t.status = 'CERTIFIED'${level ? ` AND t.level = '${level}'` : ''}`,
  publishedAs,
});

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
      goalMetrics: {
        CRAFTSMEN: certified('Certified craftsmen of any level (已认定工匠).', 'CERTIFIED_CRAFTSMEN'),
        NATIONAL_CRAFTSMEN: certified('Certified national craftsmen (国家工匠).', 'NATIONAL_CRAFTSMEN', 'NATIONAL'),
        PROVINCIAL_CRAFTSMEN: certified('Certified provincial craftsmen (省级工匠).', 'PROVINCIAL_CRAFTSMEN', 'PROVINCIAL'),
        MUNICIPAL_CRAFTSMEN: certified('Certified municipal craftsmen (市级工匠).', 'MUNICIPAL_CRAFTSMEN', 'MUNICIPAL'),
      },
    },
  ],
});
