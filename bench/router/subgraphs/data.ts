/** Deterministic data of the four benchmark subgraphs (sized so the heavy query answers ~90 KB). */
export const USER_COUNT = 10;
export const PRODUCT_COUNT = 10;
export const REVIEWS_PER_USER = 3;

export const users = Array.from({ length: USER_COUNT }, (_, i) => ({ id: `${i + 1}`, name: `User Name ${i + 1}`, username: `user${i + 1}`, birthday: 1_000 + i }));
export const products = Array.from({ length: PRODUCT_COUNT }, (_, i) => ({ upc: `${i + 1}`, name: `Product ${i + 1}`, price: 100 + i * 7, weight: 10 + i }));
export const reviews = users.flatMap((u, ui) =>
  Array.from({ length: REVIEWS_PER_USER }, (_, k) => ({
    id: `${u.id}-${k}`,
    authorId: u.id,
    productUpc: `${((ui * REVIEWS_PER_USER + k) % PRODUCT_COUNT) + 1}`,
    body: `Review ${k} of user ${u.id}: solid product, would buy again.`,
  })),
);
