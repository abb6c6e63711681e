import { Field, ID, InterfaceType } from 'type-graphql';

/** Every registry row carries its GraphQL type name so that `Node` can resolve it. */
export interface Typed {
  __typename: string;
}

@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque ID (Relay). Fetch any of them with `node(id:)`.',
  resolveType: (value: Typed) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique opaque ID; stable across releases.' })
  id: string;
}
