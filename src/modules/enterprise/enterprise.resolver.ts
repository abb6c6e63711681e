import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { CreditCodeScalar } from '../../graphql/scalars';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { EnterprisesArgs } from './enterprise.inputs';
import { enterpriseService } from './enterprise.service';
import { Enterprise, EnterpriseConnection } from './enterprise.type';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, { description: 'Enterprises (企业) in the registry.' })
  enterprises(@Ctx() ctx: RequestContext, @Args(() => EnterprisesArgs) args: EnterprisesArgs) {
    return enterpriseService.list(ctx, args);
  }

  @Query(() => Enterprise, { nullable: true, description: 'One enterprise by its unified social credit code; null if not registered.' })
  enterprise(@Ctx() ctx: RequestContext, @Arg('creditCode', () => CreditCodeScalar, { description: 'The 18-character unified social credit code (统一社会信用代码).' }) creditCode: string) {
    return enterpriseService.byCreditCode(ctx, creditCode);
  }
}

export const enterpriseResolvers = [
  EnterpriseResolver,
  placeFieldsResolver(Enterprise, 'enterprise'),
  sourceFieldResolver(Enterprise, 'enterprise'),
  ...placeListResolvers('enterprises', EnterpriseConnection, EnterprisesArgs, 'enterprises (企业)', enterpriseService.inPlace),
];
