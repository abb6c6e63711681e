import { defineModule } from '../../registry/registry-type';
import { CRAFTSMAN_ACADEMY_DATED_BY } from './craftsman-academy.service';
import { craftsmanAcademyResolvers } from './craftsman-academy.resolver';
import { craftsmanAcademyTable } from './craftsman-academy.service';
import { craftsmanAcademyRecord } from './craftsman-academy.writes';

export default defineModule({
  resolvers: craftsmanAcademyResolvers,
  types: [
    {
      typename: 'CraftsmanAcademy',
      noun: { one: 'craftsman academy', many: 'craftsman academies', zh: '工匠学院' },
      table: craftsmanAcademyTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: craftsmanAcademyRecord,
      import: { slug: 'craftsman-academies', mutation: 'upsertCraftsmanAcademies' },
      export: { slug: 'craftsman-academies', listField: 'craftsmanAcademies', statsField: 'craftsmanAcademyStats' },
      goalMetrics: {
        CRAFTSMAN_ACADEMIES: { description: 'Craftsman academies (工匠学院), all levels.', table: 'craftsman_academy', dated: CRAFTSMAN_ACADEMY_DATED_BY, publishedAs: 'CRAFTSMAN_ACADEMIES' },
      },
    },
  ],
});
