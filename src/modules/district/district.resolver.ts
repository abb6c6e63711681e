import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { childListField, toOneField } from '../../registry/relations';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { City } from '../city/city.type';
import { cityTable } from '../city/city.service';
import { Province } from '../province/province.type';
import { provinceTable } from '../province/province.service';
import { DistrictOrderBy, DistrictsArgs } from './district.inputs';
import { districtService, districtTable } from './district.service';
import { District, DistrictConnection } from './district.type';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => DistrictConnection, { nullable: true, description: 'County-level divisions (区县), all of GB/T 2260; filter by province or city.' })
  districts(@Ctx() ctx: RequestContext, @Args(() => DistrictsArgs) args: DistrictsArgs, @Info() info: GraphQLResolveInfo) {
    return districtService.list(ctx, args, info);
  }

  @Query(() => District, { nullable: true, description: 'One district by its division code, e.g. "320102" for 玄武区; null if unknown.' })
  district(@Ctx() ctx: RequestContext, @Arg('code', () => DivisionCodeScalar, { description: 'The district\'s six-digit division code, e.g. "320102".' }) code: string, @Info() info: GraphQLResolveInfo) {
    return districtService.lookup(ctx, code, info);
  }
}

const placeKey = { parentKey: 'code', defaultOrder: DistrictOrderBy.CODE_ASC, table: () => districtTable } as const;

export const districtResolvers = [
  DistrictResolver,
  toOneField(District, 'city', () => City, { table: () => cityTable, keyColumn: 't.code', parentColumn: 'cityCode', nullable: false, description: 'The city the district belongs to (所属城市).' }),
  toOneField(District, 'province', () => Province, {
    table: () => provinceTable,
    keyColumn: 't.code',
    parentColumn: 'provinceCode',
    nullable: false,
    description: 'The province the district belongs to (所属省份).',
  }),
  childListField(City, 'districts', DistrictConnection, DistrictsArgs, { ...placeKey, childColumn: 't.city_code', description: "The city's districts and counties (区县)." }),
  childListField(Province, 'districts', DistrictConnection, DistrictsArgs, { ...placeKey, childColumn: 't.province_code', description: "The province's districts and counties (区县), of all its cities." }),
];
