import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { reportedFigureColumns } from './reported-figure.type';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { changedFilters, districtFilter } from '../../registry/registry-record.interface';
import { BY_RECORD_ID, orderingsOf, sortBy } from '../../registry/orderings';

const columns = reportedFigureColumns;

/** How ReportedFigure lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const reportedFigureOrderings = orderingsOf('ReportedFigureOrderBy', 'Orderings of published figures; ties are broken by record id.', {
  ID_ASC: BY_RECORD_ID,
  AS_OF_DESC: sortBy(columns.asOf, 'DESC', 'date', 'Most recent date first.'),
});
export const ReportedFigureOrderBy = reportedFigureOrderings.values;
export type ReportedFigureOrderBy = keyof typeof ReportedFigureOrderBy;

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
  ...changedFilters('figures'),
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
