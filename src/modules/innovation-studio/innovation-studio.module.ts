import { defineModule } from '../../registry/registry-type';
import { INNOVATION_STUDIO_DATED_BY } from './innovation-studio.service';
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
      goalMetrics: {
        INNOVATION_STUDIOS: { description: 'Innovation studios (创新工作室), all kinds.', table: 'innovation_studio', dated: INNOVATION_STUDIO_DATED_BY, publishedAs: 'INNOVATION_STUDIOS' },
      },
    },
  ],
});
