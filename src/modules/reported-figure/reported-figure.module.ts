import { defineModule } from '../../registry/registry-type';
import { reportedFigureResolvers } from './reported-figure.resolver';
import { reportedFigureTable } from './reported-figure.service';
import { reportedFigureRecord } from './reported-figure.writes';

export default defineModule({
  resolvers: reportedFigureResolvers,
  types: [
    {
      typename: 'ReportedFigure',
      noun: { one: 'reported figure', many: 'reported figures', zh: '公开数据' },
      table: reportedFigureTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: reportedFigureRecord,
      export: { slug: 'reported-figures', listField: 'reportedFigures' },
    },
  ],
});
