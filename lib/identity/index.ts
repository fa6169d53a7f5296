export { IDENTITY_HEADER, IdentityError, signIdentity, verifyIdentity, type Identity } from './identity.js';
