import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { Province, type ProvinceRow } from '../province/province.type';
import { provinceService } from '../province/province.service';
import { CitiesArgs } from './city.inputs';
import { cityService } from './city.service';
import { City, CityConnection, type CityRow } from './city.type';

@Resolver(() => City)
export class CityResolver {
  @Query(() => CityConnection, { description: 'Cities in the registry (地级市), e.g. the 13 cities of Jiangsu.' })
  cities(@Ctx() ctx: RequestContext, @Args(() => CitiesArgs) args: CitiesArgs, @Info() info: GraphQLResolveInfo) {
    return cityService.list(ctx, args, info);
  }

  @Query(() => City, { nullable: true, description: 'One city by its division code, e.g. "320100" for Nanjing; null if unknown.' })
  city(@Ctx() ctx: RequestContext, @Arg('code', () => DivisionCodeScalar, { description: 'The city\'s six-digit division code, e.g. "320100".' }) code: string, @Info() info: GraphQLResolveInfo) {
    return cityService.lookup(ctx, code, info);
  }

  @FieldResolver(() => Province, { description: 'The province the city belongs to (所属省份).' })
  province(@Ctx() ctx: RequestContext, @Root() city: CityRow) {
    return provinceService.byCode(ctx, city.provinceCode);
  }
}

@Resolver(() => Province)
export class ProvinceCitiesResolver {
  @FieldResolver(() => CityConnection, { description: 'The province\'s cities in the registry.' })
  cities(@Ctx() ctx: RequestContext, @Root() province: ProvinceRow, @Args(() => CitiesArgs) args: CitiesArgs) {
    return cityService.ofProvince(ctx, province.code, args);
  }
}
