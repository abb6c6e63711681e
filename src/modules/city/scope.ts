import { createUnionType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { provinceService } from '../province/province.service';
import { cityService } from './city.service';
import { City } from './city.type';
import { Province } from '../province/province.type';
import type { Placed } from './place-relations';

/** The place a goal or published figure is about: a whole province, or one city. */
export const Scope = createUnionType({
  name: 'Scope',
  description: 'The place a goal or figure applies to (范围): a province (省) or a city (市).',
  types: () => [Province, City] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

export function scopeOf(ctx: RequestContext, row: Placed) {
  return row.cityCode ? cityService.byCode(ctx, row.cityCode) : provinceService.byCode(ctx, row.provinceCode);
}
