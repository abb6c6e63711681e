import { defineModule } from '../../registry/registry-type';
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
    },
  ],
});
