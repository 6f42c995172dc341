import { gunzipSync, gzipSync } from 'node:zlib';

// Large JSON documents (catalog bodies, match snapshots, creation intents) are
// stored gzip-compressed in binary attributes: they compress about tenfold,
// and DynamoDB bills and caps items by size (400 KB).

export function gzipJson(value: unknown): Uint8Array {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'));
}

export function gunzipJson<T = unknown>(bytes: Uint8Array): T {
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
}
