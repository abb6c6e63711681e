import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { City, type CityRow } from '../city/city.type';
import { cityService } from '../city/city.service';
import { Province, type ProvinceRow } from '../province/province.type';
import { provinceService } from '../province/province.service';
import { DistrictsArgs } from './district.inputs';
import { districtService } from './district.service';
import { District, DistrictConnection, type DistrictRow } from './district.type';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => DistrictConnection, { description: 'County-level divisions (区县), all of GB/T 2260; filter by province or city.' })
  districts(@Ctx() ctx: RequestContext, @Args(() => DistrictsArgs) args: DistrictsArgs, @Info() info: GraphQLResolveInfo) {
    return districtService.list(ctx, args, info);
  }

  @Query(() => District, { nullable: true, description: 'One district by its division code, e.g. "320102" for 玄武区; null if unknown.' })
  district(@Ctx() ctx: RequestContext, @Arg('code', () => DivisionCodeScalar, { description: 'The district\'s six-digit division code, e.g. "320102".' }) code: string, @Info() info: GraphQLResolveInfo) {
    return districtService.lookup(ctx, code, info);
  }

  @FieldResolver(() => City, { description: 'The city the district belongs to (所属城市).' })
  city(@Ctx() ctx: RequestContext, @Root() district: DistrictRow) {
    return cityService.byCode(ctx, district.cityCode);
  }

  @FieldResolver(() => Province, { description: 'The province the district belongs to (所属省份).' })
  province(@Ctx() ctx: RequestContext, @Root() district: DistrictRow) {
    return provinceService.byCode(ctx, district.provinceCode);
  }
}

@Resolver(() => City)
export class CityDistrictsResolver {
  @FieldResolver(() => DistrictConnection, { description: 'The city\'s districts and counties (区县).' })
  districts(@Ctx() ctx: RequestContext, @Root() city: CityRow, @Args(() => DistrictsArgs) args: DistrictsArgs) {
    return districtService.ofPlace(ctx, 't.city_code', city.code, args);
  }
}

@Resolver(() => Province)
export class ProvinceDistrictsResolver {
  @FieldResolver(() => DistrictConnection, { description: 'The province\'s districts and counties (区县), of all its cities.' })
  districts(@Ctx() ctx: RequestContext, @Root() province: ProvinceRow, @Args(() => DistrictsArgs) args: DistrictsArgs) {
    return districtService.ofPlace(ctx, 't.province_code', province.code, args);
  }
}

export const districtResolvers = [DistrictResolver, CityDistrictsResolver, ProvinceDistrictsResolver];
