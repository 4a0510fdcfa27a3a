export { murmur3x86128 } from './murmur3.ts';
export { Random } from './random.ts';
export { canonicalSeed, type StreamKey, stream, streamAddress } from './stream.ts';
export { Xoshiro128 } from './xoshiro128.ts';
