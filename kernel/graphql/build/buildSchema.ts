import { GraphQLSchema } from 'graphql';
import type { Frames } from '../frames.js';
import { InputTypes } from './inputTypes.js';
import { mutationType } from './mutationType.js';
import { ObjectTypes } from './objectTypes.js';
import { queryType } from './queryType.js';

/** The executable GraphQL schema of a set of frames (resolvers read the request context). */
export function buildSchema(frames: Frames): GraphQLSchema {
  const inputs = new InputTypes(frames);
  const objects = new ObjectTypes(frames, inputs);
  const types = [...frames.classes.keys()].map((name) => objects.objectType(name));
  return new GraphQLSchema({ query: queryType(frames, inputs, objects), mutation: mutationType(inputs), types });
}
