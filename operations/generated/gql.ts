/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query DatasetList($first: Int = 20, $after: String, $filter: DatasetFilter, $ref: RefInput) {\n  datasets(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: [{name: ASC}]\n    ref: $ref\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        path\n        status\n        sensitivity\n        project {\n          id\n          name\n        }\n        consumers(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery DatasetLineage($id: ID!, $ref: RefInput) {\n  dataset(id: $id, ref: $ref) {\n    id\n    name\n    description\n    columns {\n      nodes {\n        name\n      }\n    }\n    producers {\n      nodes {\n        id\n        name\n        inputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n    consumers {\n      nodes {\n        id\n        name\n        outputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery PersonContact($id: ID!) {\n  person(id: $id) {\n    id\n    handle\n    fullName\n    email\n    phone\n    teams {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n}\n\nquery Branches {\n  branches {\n    name\n  }\n}": typeof types.DatasetListDocument,
    "mutation RenameDataset($id: ID!, $name: String!, $branch: String = \"main\") {\n  updateDataset(\n    id: $id\n    patch: {name: $name}\n    branch: $branch\n    message: \"rename dataset\"\n  ) {\n    commitId\n    node {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateFeatureBranch($name: String!) {\n  createBranch(name: $name) {\n    branch {\n      name\n      head\n    }\n  }\n}": typeof types.RenameDatasetDocument,
};
const documents: Documents = {
    "query DatasetList($first: Int = 20, $after: String, $filter: DatasetFilter, $ref: RefInput) {\n  datasets(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: [{name: ASC}]\n    ref: $ref\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        path\n        status\n        sensitivity\n        project {\n          id\n          name\n        }\n        consumers(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery DatasetLineage($id: ID!, $ref: RefInput) {\n  dataset(id: $id, ref: $ref) {\n    id\n    name\n    description\n    columns {\n      nodes {\n        name\n      }\n    }\n    producers {\n      nodes {\n        id\n        name\n        inputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n    consumers {\n      nodes {\n        id\n        name\n        outputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery PersonContact($id: ID!) {\n  person(id: $id) {\n    id\n    handle\n    fullName\n    email\n    phone\n    teams {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n}\n\nquery Branches {\n  branches {\n    name\n  }\n}": types.DatasetListDocument,
    "mutation RenameDataset($id: ID!, $name: String!, $branch: String = \"main\") {\n  updateDataset(\n    id: $id\n    patch: {name: $name}\n    branch: $branch\n    message: \"rename dataset\"\n  ) {\n    commitId\n    node {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateFeatureBranch($name: String!) {\n  createBranch(name: $name) {\n    branch {\n      name\n      head\n    }\n  }\n}": types.RenameDatasetDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DatasetList($first: Int = 20, $after: String, $filter: DatasetFilter, $ref: RefInput) {\n  datasets(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: [{name: ASC}]\n    ref: $ref\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        path\n        status\n        sensitivity\n        project {\n          id\n          name\n        }\n        consumers(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery DatasetLineage($id: ID!, $ref: RefInput) {\n  dataset(id: $id, ref: $ref) {\n    id\n    name\n    description\n    columns {\n      nodes {\n        name\n      }\n    }\n    producers {\n      nodes {\n        id\n        name\n        inputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n    consumers {\n      nodes {\n        id\n        name\n        outputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery PersonContact($id: ID!) {\n  person(id: $id) {\n    id\n    handle\n    fullName\n    email\n    phone\n    teams {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n}\n\nquery Branches {\n  branches {\n    name\n  }\n}"): (typeof documents)["query DatasetList($first: Int = 20, $after: String, $filter: DatasetFilter, $ref: RefInput) {\n  datasets(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: [{name: ASC}]\n    ref: $ref\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        path\n        status\n        sensitivity\n        project {\n          id\n          name\n        }\n        consumers(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery DatasetLineage($id: ID!, $ref: RefInput) {\n  dataset(id: $id, ref: $ref) {\n    id\n    name\n    description\n    columns {\n      nodes {\n        name\n      }\n    }\n    producers {\n      nodes {\n        id\n        name\n        inputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n    consumers {\n      nodes {\n        id\n        name\n        outputs {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}\n\nquery PersonContact($id: ID!) {\n  person(id: $id) {\n    id\n    handle\n    fullName\n    email\n    phone\n    teams {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n}\n\nquery Branches {\n  branches {\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RenameDataset($id: ID!, $name: String!, $branch: String = \"main\") {\n  updateDataset(\n    id: $id\n    patch: {name: $name}\n    branch: $branch\n    message: \"rename dataset\"\n  ) {\n    commitId\n    node {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateFeatureBranch($name: String!) {\n  createBranch(name: $name) {\n    branch {\n      name\n      head\n    }\n  }\n}"): (typeof documents)["mutation RenameDataset($id: ID!, $name: String!, $branch: String = \"main\") {\n  updateDataset(\n    id: $id\n    patch: {name: $name}\n    branch: $branch\n    message: \"rename dataset\"\n  ) {\n    commitId\n    node {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateFeatureBranch($name: String!) {\n  createBranch(name: $name) {\n    branch {\n      name\n      head\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;