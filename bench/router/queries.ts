/** The heavy query of The Guild's federation gateways benchmark (deep, ~90 KB answers here). */
export const HEAVY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

/** A mix of small and medium operations, cycled by the load generator. */
export const MIX = [
  'query Top { topProducts(first: 5) { upc name price } }',
  'query Me { me { id username name } }',
  'query TopWithStock { topProducts(first: 5) { upc name inStock shippingEstimate } }',
  'query UserReviews { user(id: "3") { username reviews { body product { name price } } } }',
];
