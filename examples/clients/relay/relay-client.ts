/**
 * The Relay artifacts of StudioList.relay.ts, run with relay-runtime alone (a React app runs the same through its
 * hooks): the first page of a city's studios, the next page through the City's `node(id:)` refetch query, merged
 * into the same connection by Relay's connection handler, and one studio refetched by its ID.
 */
import { Environment, fetchQuery, getSelector, Network, RecordSource, Store, type FetchFunction, type GraphQLResponse } from 'relay-runtime';
import StudioListPaginationQuery, { type StudioListPaginationQuery as Pagination } from './__generated__/StudioListPaginationQuery.graphql';
import StudioListQuery, { type StudioListQuery as List } from './__generated__/StudioListQuery.graphql';
import studioFragment, { type StudioList_studio$data } from './__generated__/StudioList_studio.graphql';
import studiosFragment, { type StudioList_studios$data } from './__generated__/StudioList_studios.graphql';
import StudioRefetchQuery, { type StudioRefetchQuery as Refetch } from './__generated__/StudioRefetchQuery.graphql';

export function relayEnvironment(uri: string): Environment {
  const fetchFn: FetchFunction = async (operation, variables) => {
    const res = await fetch(uri, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: operation.text, variables }) });
    return (await res.json()) as GraphQLResponse;
  };
  return new Environment({ network: Network.create(fetchFn), store: new Store(new RecordSource()) });
}

/** What a fragment reads from the store for the record a query fetched (what React's useFragment gives). */
function read<T>(environment: Environment, fragment: typeof studiosFragment | typeof studioFragment, ref: object): T {
  return environment.lookup(getSelector(fragment, ref) as never).data as unknown as T;
}
const studiosOf = (environment: Environment, city: object) => read<StudioList_studios$data>(environment, studiosFragment, city);

/** Two pages of a city's studios, `perPage` each, as Relay's store holds them after paging; and one studio refetched. */
export async function twoPagesOfStudios(environment: Environment, city: string, perPage: number) {
  const first = await fetchQuery<List>(environment, StudioListQuery, { city, count: perPage }).toPromise();
  if (!first?.city) throw new Error(`no city ${city}`);
  const page = studiosOf(environment, first.city);
  const cursor = page.innovationStudios.pageInfo.endCursor;
  await fetchQuery<Pagination>(environment, StudioListPaginationQuery, { id: page.id, count: perPage, cursor }).toPromise();
  const both = studiosOf(environment, first.city);
  const studioId = both.innovationStudios.edges![0]!.node!.id;
  const refetched = await fetchQuery<Refetch>(environment, StudioRefetchQuery, { id: studioId }).toPromise();
  const studio = refetched?.node ? read<StudioList_studio$data>(environment, studioFragment, refetched.node) : null;
  return { cityName: first.city.name, page: both.innovationStudios, refetched: studio };
}
