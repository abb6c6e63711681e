/**
 * Apollo Client (4, without React) on the registry, its operations typed by GraphQL Code Generator
 * (generated/graphql.ts, from operations.graphql and codegen.config.ts): a portal's typed reads, answered over
 * POST /graphql with its API key, each record kept in Apollo's cache by its `__typename` and `id`.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { NanjingStudiosDocument, PullChangesDocument, type NanjingStudiosQuery, type PullChangesQuery } from './generated/graphql';

export function registryClient(uri: string, apiKey?: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} }),
    cache: new InMemoryCache(),
  });
}

/** A city's studios (first page) and its count: every field typed, `establishedOn` a string (LocalDate), `kind` a union of the enum's values. */
export async function cityStudios(client: ApolloClient, city: string, establishedFrom?: string): Promise<NanjingStudiosQuery> {
  const { data } = await client.query({ query: NanjingStudiosDocument, variables: { city, establishedFrom, first: 5 } });
  if (!data) throw new Error('no data');
  return data;
}

/** One page of the change feed after `after` (see the README's *Keep a copy in sync*). */
export async function pullChanges(client: ApolloClient, after: string | null): Promise<PullChangesQuery['changes']> {
  const { data } = await client.query({ query: PullChangesDocument, variables: { after }, fetchPolicy: 'no-cache' });
  return data?.changes ?? null;
}
