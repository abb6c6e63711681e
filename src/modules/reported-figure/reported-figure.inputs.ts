import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { reportedFigureColumns } from './reported-figure.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { districtFilter } from '../../graphql/registry-record.interface';

export enum ReportedFigureOrderBy {
  ID_ASC = 'ID_ASC',
  AS_OF_DESC = 'AS_OF_DESC',
}
registerEnumType(ReportedFigureOrderBy, {
  name: 'ReportedFigureOrderBy',
  description: 'Orderings of published figures; ties are broken by record id.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    AS_OF_DESC: { description: 'Most recent date first.' },
  },
});

const columns = reportedFigureColumns;

/** What ReportedFigure lists, counts, statistics and exports filter by, declared once. */
export const reportedFigureFilters = {
  provinceCode: filterBy.equalTo(columns.provinceCode, "Figures in this province, its own and its cities'.", () => DivisionCodeScalar),
  cityCode: filterBy.equalTo(columns.cityCode, 'Figures of this city.', () => DivisionCodeScalar),
  ...districtFilter,
  metrics: filterBy.anyOf(columns.metric, 'Any of these metrics.'),
  kinds: filterBy.anyOf(columns.kind, 'Any of these kinds: ACHIEVEMENT (done) or PLAN (planned).'),
  asOfFrom: filterBy.atLeast(columns.asOf, 'As of this date or later.'),
  asOfTo: filterBy.atMost(columns.asOf, 'As of this date or earlier.'),
  archiveStatus: filterBy.archiveStatus('Active (default), archived or all figures.'),
};

@InputType({ description: 'Which published figures to list; all given conditions must hold.' })
@filterFields(reportedFigureFilters)
export class ReportedFigureFilter {}
export interface ReportedFigureFilter extends FilterOf<typeof reportedFigureFilters> {}

@ArgsType()
export class ReportedFiguresArgs extends PageArgs {
  @Field(() => ReportedFigureFilter, { nullable: true, description: 'Filter.' })
  filter?: ReportedFigureFilter | null;

  @Field(() => ReportedFigureOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: ReportedFigureOrderBy | null;
}
