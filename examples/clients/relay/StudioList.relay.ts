/**
 * A Relay client's view of the registry: a page of a city's studios, each studio a fragment that Relay may refetch
 * by its ID (`@refetchable`: the `node(id:)` of the Relay server specification), and the next page through the
 * connection (`@connection`). relay-compiler compiles these into __generated__/ (`npm run clients:generate`);
 * a React app would read them with useLazyLoadQuery, useFragment and usePaginationFragment, and relay-client.ts runs
 * the same artifacts with relay-runtime alone. Never executed: babel-plugin-relay would replace each graphql tag.
 */
import { graphql } from 'relay-runtime';

export const studioListQuery = graphql`
  query StudioListQuery($city: DivisionCode!, $count: Int!, $cursor: String) {
    city(code: $city) {
      name
      ...StudioList_studios @arguments(count: $count, cursor: $cursor)
    }
  }
`;

export const studiosFragment = graphql`
  fragment StudioList_studios on City
  @refetchable(queryName: "StudioListPaginationQuery")
  @argumentDefinitions(count: { type: "Int!" }, cursor: { type: "String" }) {
    innovationStudios(first: $count, after: $cursor) @connection(key: "StudioList_innovationStudios") {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...StudioList_studio
        }
      }
    }
  }
`;

export const studioFragment = graphql`
  fragment StudioList_studio on InnovationStudio @refetchable(queryName: "StudioRefetchQuery") {
    name
    kind
    establishedOn
  }
`;
