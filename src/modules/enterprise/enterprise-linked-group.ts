import { Field, ObjectType } from 'type-graphql';
import { RegistryGroup } from '../../registry/stats';
import { Ownership } from './ownership';

/** Group rows of records that belong to an enterprise (studios, contracts, craftsmen) can be grouped by its ownership and industry. */
@ObjectType({ description: 'Base of group rows of enterprise-linked records; not in the schema by itself.' })
export abstract class EnterpriseLinkedGroup extends RegistryGroup {
  @Field(() => Ownership, { nullable: true, description: "The enterprise's ownership (所有制), when grouped by OWNERSHIP." })
  ownership: Ownership | null;

  @Field(() => String, { nullable: true, description: "The enterprise's industry (行业), when grouped by INDUSTRY; null also where unknown." })
  industry: string | null;
}
