import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { childListField, toOneField } from '../../registry/relations';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { Province } from '../province/province.type';
import { provinceTable } from '../province/province.service';
import { CitiesArgs, CityOrderBy } from './city.inputs';
import { cityService, cityTable } from './city.service';
import { City, CityConnection } from './city.type';

@Resolver(() => City)
export class CityResolver {
  @Query(() => CityConnection, { nullable: true, description: 'Cities in the registry (地级市), e.g. the 13 cities of Jiangsu.' })
  cities(@Ctx() ctx: RequestContext, @Args(() => CitiesArgs) args: CitiesArgs, @Info() info: GraphQLResolveInfo) {
    return cityService.list(ctx, args, info);
  }

  @Query(() => City, { nullable: true, description: 'One city by its division code, e.g. "320100" for Nanjing; null if unknown.' })
  city(@Ctx() ctx: RequestContext, @Arg('code', () => DivisionCodeScalar, { description: 'The city\'s six-digit division code, e.g. "320100".' }) code: string, @Info() info: GraphQLResolveInfo) {
    return cityService.lookup(ctx, code, info);
  }
}

export const cityResolvers = [
  CityResolver,
  toOneField(City, 'province', () => Province, {
    table: () => provinceTable,
    keyColumn: 't.code',
    parentColumn: 'provinceCode',
    nullable: false,
    description: 'The province the city belongs to (所属省份).',
  }),
  childListField(Province, 'cities', CityConnection, CitiesArgs, {
    table: () => cityTable,
    childColumn: 't.province_code',
    parentKey: 'code',
    defaultOrder: CityOrderBy.CODE_ASC,
    description: "The province's cities in the registry.",
  }),
];
