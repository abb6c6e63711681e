import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { ArchiveStatus } from '../../graphql/writes';
import { ReportedFigureMetric, FigureKind } from './reported-figure.type';

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

@InputType({ description: 'Which published figures to list; all given conditions must hold.' })
export class ReportedFigureFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Figures in this province, its own and its cities\'.' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Figures of this city.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => [ReportedFigureMetric], { nullable: true, description: 'Any of these metrics.' })
  metrics?: ReportedFigureMetric[] | null;

  @Field(() => [FigureKind], { nullable: true, description: 'Any of these kinds: ACHIEVEMENT (done) or PLAN (planned).' })
  kinds?: FigureKind[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'As of this date or later.' })
  asOfFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'As of this date or earlier.' })
  asOfTo?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all figures.' })
  archiveStatus?: ArchiveStatus | null;
}

@ArgsType()
export class ReportedFiguresArgs extends PageArgs {
  @Field(() => ReportedFigureFilter, { nullable: true, description: 'Filter.' })
  filter?: ReportedFigureFilter | null;

  @Field(() => ReportedFigureOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: ReportedFigureOrderBy | null;
}
