/**
 * @generated SignedSource<<8014e951353791db628a9c9698ee6e6e>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type InnovationStudioKind = "CRAFTSMAN" | "EMPLOYEE" | "MODEL_WORKER" | "SPECIALISED_TECHNICAL" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type StudioList_studio$data = {
  readonly establishedOn: string | null | undefined;
  readonly id: string;
  readonly kind: InnovationStudioKind | null | undefined;
  readonly name: string;
  readonly " $fragmentType": "StudioList_studio";
};
export type StudioList_studio$key = {
  readonly " $data"?: StudioList_studio$data;
  readonly " $fragmentSpreads": FragmentRefs<"StudioList_studio">;
};

import StudioRefetchQuery_graphql from './StudioRefetchQuery.graphql';

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": StudioRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "StudioList_studio",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "kind",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "establishedOn",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "id",
      "storageKey": null
    }
  ],
  "type": "InnovationStudio",
  "abstractKey": null
};

(node as any).hash = "82f3d0ca4a401fdd16cd6b3e4c812b7b";

export default node;
