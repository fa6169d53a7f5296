import { products, reviews, users } from './data.js';
import type { SubgraphName } from './schemas.js';

type Ref = Record<string, unknown>;

/** Resolvers of the four benchmark subgraphs. */
export const RESOLVERS: Record<SubgraphName, Record<string, Record<string, unknown>>> = {
  accounts: {
    Query: { me: () => users[0], user: (_: unknown, a: { id: string }) => users.find((u) => u.id === a.id), users: () => users },
    User: { __resolveReference: (r: Ref) => users.find((u) => u.id === r['id']) },
  },
  inventory: {
    Product: {
      __resolveReference: (r: Ref) => ({ ...r, inStock: Number(r['upc']) % 2 === 0 }),
      shippingEstimate: (p: Ref) => (Number(p['price']) > 1000 ? 0 : Math.round(Number(p['weight']) * 0.5)),
    },
  },
  products: {
    Query: { topProducts: (_: unknown, a: { first: number }) => products.slice(0, a.first) },
    Product: { __resolveReference: (r: Ref) => products.find((p) => p.upc === r['upc']) },
  },
  reviews: {
    Review: {
      __resolveReference: (r: Ref) => reviews.find((x) => x.id === r['id']),
      author: (r: { authorId: string }) => ({ __typename: 'User', id: r.authorId, username: users.find((u) => u.id === r.authorId)?.username }),
      product: (r: { productUpc: string }) => ({ __typename: 'Product', upc: r.productUpc }),
    },
    User: { __resolveReference: (r: Ref) => r, reviews: (u: Ref) => reviews.filter((x) => x.authorId === u['id']) },
    Product: { __resolveReference: (r: Ref) => r, reviews: (p: Ref) => reviews.filter((x) => x.productUpc === p['upc']) },
  },
};
