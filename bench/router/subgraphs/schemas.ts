/** The SDL of the four subgraphs of The Guild's federation gateway benchmark (accounts, inventory, products, reviews). */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides", "@shareable"])';

export const SDL = {
  accounts: `${LINK}
type Query { me: User user(id: ID!): User users: [User] }
type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }
`,
  inventory: `${LINK}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}
`,
  products: `${LINK}
type Query { topProducts(first: Int = 10): [Product] }
type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }
`,
  reviews: `${LINK}
type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
type Product @key(fields: "upc") { upc: String! reviews: [Review] }
`,
} as const;

export type SubgraphName = keyof typeof SDL;
