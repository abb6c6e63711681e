import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DivisionCodeScalar } from '../../graphql/scalars';
import { ProvincesArgs } from './province.inputs';
import { provinceService } from './province.service';
import { Province, ProvinceConnection } from './province.type';

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => ProvinceConnection, { nullable: true, description: 'Provinces in the registry (省).' })
  provinces(@Ctx() ctx: RequestContext, @Args(() => ProvincesArgs) args: ProvincesArgs, @Info() info: GraphQLResolveInfo) {
    return provinceService.list(ctx, args, info);
  }

  @Query(() => Province, { nullable: true, description: 'One province by its division code, e.g. "320000" for Jiangsu; null if unknown.' })
  province(@Ctx() ctx: RequestContext, @Arg('code', () => DivisionCodeScalar, { description: 'The province\'s six-digit division code, e.g. "320000".' }) code: string, @Info() info: GraphQLResolveInfo) {
    return provinceService.lookup(ctx, code, info);
  }
}
