import { defineModule } from '../../registry/registry-type';
import { innovationStudioResolvers } from './innovation-studio.resolver';
import { innovationStudioTable } from './innovation-studio.service';
import { innovationStudioRecord } from './innovation-studio.writes';

export default defineModule({
  resolvers: innovationStudioResolvers,
  types: [
    {
      typename: 'InnovationStudio',
      noun: { one: 'innovation studio', many: 'innovation studios', zh: '创新工作室' },
      table: innovationStudioTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: innovationStudioRecord,
      import: { slug: 'innovation-studios', mutation: 'upsertInnovationStudios' },
      export: { slug: 'innovation-studios', listField: 'innovationStudios', statsField: 'innovationStudioStats' },
    },
  ],
});
